// The exported grid: a PNG with a title, the shared parameters, axis labels and one thumbnail per
// cell, drawn as SVG (text, boxes) with the images composited on top by sharp. Text is wrapped and
// ellipsized by estimate (export-text.ts), so long prompts and many values stay inside their boxes.
import sharp, { type OverlayOptions } from 'sharp'
import type { Comparison, ComparisonCell } from '../../shared/compare'
import { AXIS_INFO, valueLabel, type AxisValue } from '../../shared/compare-axes'
import { gridView, sharedSummary, type AxisOrder, type ViewAxis } from '../../shared/compare-view'
import { escapeXml } from '../../shared/xml'
import { svgLines, textWidth, wrapText } from './export-text'

export const EXPORT_FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif'
const C = { bg: '#ffffff', ink: '#111318', muted: '#5b6170', cell: '#eef0f4', bad: '#b42318', accent: '#8a5a00', page: '#fff4d6' }
const M = 40
const GAP = 8
const LH = 21

export type ExportOptions = { z: number | 'all'; order?: AxisOrder; thumb: (imageId: string) => Promise<Buffer | null> }

const cellWidthFor = (columns: number) => (columns <= 4 ? 300 : columns <= 6 ? 240 : columns <= 10 ? 180 : 140)
const label = (axis: ViewAxis | null, v: AxisValue | undefined) => (axis && v !== undefined ? valueLabel(axis.param, v) : '')
const svgDoc = (w: number, h: number, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="${escapeXml(EXPORT_FONT)}">${body}</svg>`

function cellText(cell: ComparisonCell | undefined): { text: string; color: string } {
  if (!cell) return { text: '', color: C.muted }
  if (cell.error) return { text: `${cell.state === 'failed' ? 'Failed' : cell.state}: ${cell.error.message}`, color: C.bad }
  const words: Partial<Record<string, string>> = {
    pending: 'Not started',
    cancelled: 'Cancelled',
    completed: 'No image',
    out_of_range: 'Out of range (n/a)',
  }
  return { text: words[cell.state] ?? `${cell.state[0]!.toUpperCase()}${cell.state.slice(1)}…`, color: C.muted }
}

/** A dark band along a cell's bottom edge naming the compared parameters its model lacks. */
function naBand(na: string[], width: number): Buffer {
  const text = `n/a: ${na.map((n) => AXIS_INFO[n as keyof typeof AXIS_INFO]?.label ?? n).join(', ')}`
  const line = svgLines(wrapText(text, 13, width - 12, 1), { x: 6, y: 17, size: 13, fill: '#ffffff' })
  return Buffer.from(svgDoc(width, 24, `<rect width="100%" height="100%" fill="#111318" fill-opacity="0.78"/>${line}`))
}

/** Cells take the images' usual shape (the median aspect), so letterboxing stays small. */
function cellHeight(cells: ComparisonCell[], width: number) {
  const ratios = cells.flatMap((c) => (c.image ? [c.image.height / c.image.width] : [])).sort((a, b) => a - b)
  const median = ratios[Math.floor(ratios.length / 2)] ?? 1
  return Math.round(width * Math.min(Math.max(median, 0.5), 1.5))
}

/** Renders one Z page (or all, stacked) of a comparison as a PNG. */
export async function renderComparisonPng(comparison: Comparison, options: ExportOptions): Promise<Buffer> {
  const view = gridView(comparison, { order: options.order })
  const pages = options.z === 'all' ? view.pages.map((_, i) => i) : [options.z]
  const cols = view.columns.length
  const cw = cellWidthFor(cols)
  const ch = cellHeight(comparison.cells, cw)
  const rowLabels = view.rows.map((r) => label(view.rowAxis, r.value))
  const rowHead = view.rowAxis ? Math.round(Math.min(240, Math.max(90, ...rowLabels.map((l) => textWidth(l, 16, true) + 24)))) : 0
  const width = M * 2 + rowHead + cols * (cw + GAP) - GAP
  const inner = width - M * 2
  const svg: string[] = []
  const overlays: OverlayOptions[] = []
  let y = M

  const title = wrapText(comparison.spec.title, 30, inner, 2, true)
  svg.push(svgLines(title, { x: M, y: y + 30, size: 30, lineHeight: 38, weight: 700, fill: C.ink }))
  y += title.length * 38 + 8
  const summary = sharedSummary(comparison.spec)
  const prompt = summary.find((s) => s.label === 'Prompt')
  const rest = summary.filter((s) => s !== prompt).map((s) => `${s.label}: ${s.value}`)
  for (const [text, lines] of [
    [prompt ? `Prompt: ${prompt.value}` : '', 3],
    [rest.join('  ·  '), 2],
  ] as const) {
    if (!text) continue
    const wrapped = wrapText(text, 16, inner, lines)
    svg.push(svgLines(wrapped, { x: M, y: y + 16, size: 16, lineHeight: 22, fill: C.muted }))
    y += wrapped.length * 22 + 4
  }
  y += 20

  for (const p of pages) {
    if (view.pageAxis) {
      const text = `${AXIS_INFO[view.pageAxis.param].label}: ${label(view.pageAxis, view.pages[p]?.value)}`
      svg.push(`<rect x="${M}" y="${y}" width="${inner}" height="36" rx="6" fill="${C.page}"/>`)
      svg.push(svgLines(wrapText(text, 18, inner - 24, 1, true), { x: M + 12, y: y + 24, size: 18, weight: 700, fill: C.accent }))
      y += 50
    }
    const heads = view.columns.map((s) => wrapText(label(view.columnAxis, s.value), 16, cw - 8, 3, true))
    const headHeight = Math.max(1, ...heads.map((l) => l.length)) * LH + (view.columnAxis ? 26 : 0)
    if (view.columnAxis) {
      svg.push(svgLines([`${AXIS_INFO[view.columnAxis.param].label} →`], { x: M + rowHead, y: y + 15, size: 14, weight: 700, fill: C.muted }))
    }
    if (view.rowAxis)
      svg.push(svgLines([`${AXIS_INFO[view.rowAxis.param].label} ↓`], { x: M, y: y + headHeight - 5, size: 14, weight: 700, fill: C.muted }))
    heads.forEach((lines, i) => {
      const cx = M + rowHead + i * (cw + GAP) + cw / 2
      svg.push(
        svgLines(lines, {
          x: cx,
          y: y + headHeight - (lines.length - 1) * LH - 5,
          size: 16,
          lineHeight: LH,
          weight: 600,
          fill: C.ink,
          anchor: 'middle',
        }),
      )
    })
    y += headHeight + 10
    for (const [r, rowLabel] of rowLabels.entries()) {
      const lines = wrapText(rowLabel, 16, rowHead - 24, Math.max(1, Math.floor(ch / LH)), true)
      svg.push(
        svgLines(lines, {
          x: M + rowHead - 14,
          y: y + ch / 2 - ((lines.length - 1) * LH) / 2 + 5,
          size: 16,
          lineHeight: LH,
          weight: 600,
          fill: C.ink,
          anchor: 'end',
        }),
      )
      for (let c = 0; c < cols; c++) {
        const cell = view.cellAt(c, r, p)
        const left = M + rowHead + c * (cw + GAP)
        svg.push(`<rect x="${left}" y="${y}" width="${cw}" height="${ch}" rx="4" fill="${C.cell}"/>`)
        const thumb = cell?.image ? await options.thumb(cell.image.id) : null
        if (thumb) {
          overlays.push({ input: await sharp(thumb).resize(cw, ch, { fit: 'contain', background: C.cell }).png().toBuffer(), left, top: y })
        } else {
          const { text, color } = cellText(cell)
          const msg = wrapText(text, 14, cw - 24, Math.max(1, Math.floor((ch - 20) / 19)))
          svg.push(
            svgLines(msg, {
              x: left + cw / 2,
              y: y + ch / 2 - ((msg.length - 1) * 19) / 2 + 5,
              size: 14,
              lineHeight: 19,
              fill: color,
              anchor: 'middle',
            }),
          )
        }
        if (cell?.na.length) overlays.push({ input: naBand(cell.na, cw), left, top: y + ch - 24 })
      }
      y += ch + GAP
    }
    y += 22
  }
  const footer = `Made with Darkroom  ·  ${comparison.cells.length} cells  ·  ${comparison.createdAt.slice(0, 10)}`
  svg.push(svgLines([footer], { x: M, y: y + 2, size: 13, fill: C.muted }))
  const height = y + M - 10
  const doc = svgDoc(width, height, `<rect width="100%" height="100%" fill="${C.bg}"/>${svg.join('')}`)
  return sharp(Buffer.from(doc)).composite(overlays).png({ compressionLevel: 9 }).toBuffer()
}
