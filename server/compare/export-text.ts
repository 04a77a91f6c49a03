// Text for the exported grid: SVG has no line wrapping, so lines are measured here. Widths are an
// estimate for DejaVu Sans (the font the export asks for), kept on the generous side so a line
// never runs past its box; anything beyond `maxLines` ends in an ellipsis.
import { escapeXml } from '../../shared/xml'

/**
 * What cannot be drawn: XML 1.0 forbids C0 controls (but tab, newline, return), U+FFFE/U+FFFF and
 * lone surrogates, so one of them in a title made every export a 500; C1 controls and bidi overrides
 * would draw as nothing or reorder the line.
 */
const UNDRAWABLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** `text` without the characters above (tabs and newlines stay, as spaces are made of them later). */
export const drawableText = (text: string) => text.replace(UNDRAWABLE, '')

const WIDEST = /[MWmw@%—]/
const CAPS = /[A-Z&]/
const NARROW = /[ilIjtf.,:;'|!()[\] ]/

/** Rough advance width of a string in px at `size` px, measured against DejaVu Sans with a margin. */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0
  for (const ch of text) {
    em += WIDEST.test(ch) ? 1 : CAPS.test(ch) ? 0.74 : NARROW.test(ch) ? 0.34 : ch.charCodeAt(0) > 0x2e80 ? 1 : 0.62
  }
  return em * size * (bold ? 1.14 : 1.03)
}

/** Wraps `text` into lines no wider than `width`, breaking long words, at most `maxLines`. */
export function wrapText(text: string, size: number, width: number, maxLines: number, bold = false): string[] {
  // No room (a grid without row labels asks for width -24): nothing to draw, and no endless splitting.
  text = drawableText(text)
  if (width <= 0 || maxLines < 1 || !text.trim()) return []
  const measure = (s: string) => textWidth(s, size, bold)
  const fit = (word: string): [string, string] => {
    let cut = word.length
    while (cut > 1 && measure(word.slice(0, cut)) > width) cut--
    return [word.slice(0, cut), word.slice(cut)]
  }
  const ellipsize = (line: string) => {
    let out = line.trimEnd()
    while (out.length > 0 && measure(`${out}…`) > width) out = out.slice(0, -1).trimEnd()
    return `${out}…`
  }
  const lines: string[] = []
  let line = ''
  const words = text.replace(/\s+/g, ' ').trim().split(' ')
  for (let i = 0; i < words.length; i++) {
    let word = words[i]!
    const candidate = line ? `${line} ${word}` : word
    if (measure(candidate) <= width) {
      line = candidate
      continue
    }
    if (line) lines.push(line)
    line = ''
    while (word && measure(word) > width) {
      const [head, rest] = fit(word)
      lines.push(head)
      word = rest
    }
    line = word
    if (lines.length >= maxLines) break
  }
  if (line) lines.push(line)
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines)
  kept[maxLines - 1] = ellipsize(kept[maxLines - 1]!)
  return kept
}

type TextOptions = { x: number; y: number; size: number; lineHeight?: number; weight?: number; fill: string; anchor?: 'start' | 'middle' | 'end' }

/** SVG <text> for wrapped lines; `y` is the first baseline. */
export function svgLines(lines: string[], o: TextOptions): string {
  const lh = o.lineHeight ?? Math.round(o.size * 1.3)
  return lines
    .map(
      (line, i) =>
        `<text x="${o.x}" y="${o.y + i * lh}" font-size="${o.size}" font-weight="${o.weight ?? 400}" fill="${o.fill}" text-anchor="${o.anchor ?? 'start'}">${escapeXml(drawableText(line))}</text>`,
    )
    .join('')
}
