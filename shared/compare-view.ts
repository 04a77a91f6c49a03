// How a comparison is laid out for reading: which axis runs along columns, rows and pages (swap),
// which values are hidden, and what is shared by every cell. The grid page and the PNG export
// both read a comparison through this, so they show the same thing.
import { MODELS } from './catalogue'
import { AXIS_INFO, valueLabel, type AxisValue, type SharedParam } from './compare-axes'
import { AXIS_KEYS, ORDERS, type Axis, type AxisKey, type ComparisonCell, type ComparisonSpec } from './compare'

/** Which of the spec's axes is shown as [columns, rows, pages]. */
export type AxisOrder = readonly [AxisKey, AxisKey, AxisKey]
export const DEFAULT_ORDER: AxisOrder = ['x', 'y', 'z']
export const parseOrder = (text: string | undefined): AxisOrder =>
  (ORDERS as readonly string[]).includes(text ?? '') ? (text!.split('') as unknown as AxisOrder) : DEFAULT_ORDER

export type Hidden = Partial<Record<AxisKey, readonly number[]>>
export type ViewAxis = Axis & { key: AxisKey }
export type Slot = { index: number; value: AxisValue | undefined }

export type GridView<C> = {
  columnAxis: ViewAxis | null
  rowAxis: ViewAxis | null
  pageAxis: ViewAxis | null
  columns: Slot[]
  rows: Slot[]
  pages: Slot[]
  cellAt(column: number, row: number, page: number): C | undefined
}

/** Lays out cells by the view's axis order, leaving hidden values out. */
export function gridView<C extends Pick<ComparisonCell, 'x' | 'y' | 'z'>>(
  comparison: { spec: Pick<ComparisonSpec, 'axes'>; cells: C[] },
  { order = DEFAULT_ORDER, hidden = {} }: { order?: AxisOrder; hidden?: Hidden } = {},
): GridView<C> {
  const { axes } = comparison.spec
  const length = (key: AxisKey) => axes[key]?.values.length ?? 1
  const slots = (key: AxisKey): Slot[] => {
    const all = Array.from({ length: length(key) }, (_, index) => ({ index, value: axes[key]?.values[index] }))
    const shown = all.filter((s) => !hidden[key]?.includes(s.index))
    return shown.length ? shown : all.slice(0, 1)
  }
  const axis = (key: AxisKey): ViewAxis | null => (axes[key] ? { ...axes[key], key } : null)
  const [colKey, rowKey, pageKey] = order
  const columns = slots(colKey)
  const rows = slots(rowKey)
  const pages = slots(pageKey)
  const byCoords = new Map(comparison.cells.map((c) => [`${c.x},${c.y},${c.z}`, c]))
  return {
    columnAxis: axis(colKey),
    rowAxis: axis(rowKey),
    pageAxis: axis(pageKey),
    columns,
    rows,
    pages,
    cellAt(column, row, page) {
      const at = { x: 0, y: 0, z: 0 }
      at[colKey] = columns[column]?.index ?? -1
      at[rowKey] = rows[row]?.index ?? -1
      at[pageKey] = pages[page]?.index ?? -1
      return byCoords.get(`${at.x},${at.y},${at.z}`)
    },
  }
}

/** What every cell has in common, as label/value pairs: base model, prompt, shared parameters, seed. */
export function sharedSummary(spec: ComparisonSpec & { seed: number }): { label: string; value: string }[] {
  const onAxis = new Set(AXIS_KEYS.flatMap((k) => (spec.axes[k] ? [spec.axes[k].param] : [])))
  const out: { label: string; value: string }[] = []
  if (!onAxis.has('model')) out.push({ label: 'Model', value: MODELS[spec.model].displayName })
  const prompt = typeof spec.params.prompt === 'string' ? spec.params.prompt : ''
  if (!onAxis.has('prompt') && prompt) out.push({ label: 'Prompt', value: prompt })
  for (const [name, value] of Object.entries(spec.params)) {
    if (name === 'prompt' || onAxis.has(name as never) || !(name in AXIS_INFO)) continue
    const param = name as SharedParam
    out.push({ label: AXIS_INFO[param].label, value: valueLabel(param, value as AxisValue) })
  }
  if (!onAxis.has('seed')) out.push({ label: 'Seed', value: `${spec.seed} (shared by every cell)` })
  return out
}

export const axisLabel = (axis: Pick<Axis, 'param'> | null) => (axis ? AXIS_INFO[axis.param].label : '')
