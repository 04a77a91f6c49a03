// Names for cells, from the axes in the order the view shows them.
import { AXIS_INFO, namedValue, valueLabel, type AxisValue } from '../../../shared/compare-axes'
import { isCellActive, type ComparisonCell } from '../../../shared/compare'
import type { GridView } from '../../../shared/compare-view'

type Picked = { axis: GridView<ComparisonCell>['columnAxis']; value: AxisValue | undefined }

/** "ERNIE Image Turbo · steps 4": what makes this cell different, for alt text and titles. */
export function cellName(view: GridView<ComparisonCell>, column: number, row: number, page: number) {
  const picked: Picked[] = [
    { axis: view.columnAxis, value: view.columns[column]?.value },
    { axis: view.rowAxis, value: view.rows[row]?.value },
    { axis: view.pageAxis, value: view.pages[page]?.value },
  ]
  const parts = picked.flatMap(({ axis, value }) => (axis && value !== undefined ? [namedValue(axis.param, value)] : []))
  return parts.join(' · ') || 'Cell'
}

export const naLabels = (cell: ComparisonCell) => cell.na.map((n) => AXIS_INFO[n as keyof typeof AXIS_INFO]?.label ?? n)

/** How long the cell's job has run (or took), or null before it has a job. */
export function elapsedMs(cell: ComparisonCell, now: number) {
  if (!cell.startedAt) return null
  const end = cell.finishedAt ? Date.parse(cell.finishedAt) : isCellActive(cell.state) ? now : null
  return end === null ? null : end - Date.parse(cell.startedAt)
}

/** A parameter value as the cell panel shows it. */
export function paramText(name: string, value: unknown) {
  if (name in AXIS_INFO && value !== undefined && value !== null) return valueLabel(name as keyof typeof AXIS_INFO, value as AxisValue)
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}
