import type * as React from 'react'
import type { ComparisonCell, ComparisonSpec } from '../../../shared/compare'
import { clampedValues } from '../../../shared/compare-plan'
import { valueLabel } from '../../../shared/compare-axes'
import { axisLabel, type GridView } from '../../../shared/compare-view'
import { cellName } from './cell-name'
import { GridCell } from './grid-cell'

type ComparisonGridProps = {
  view: GridView<ComparisonCell>
  spec: Pick<ComparisonSpec, 'axes'>
  page: number
  cellWidth: number
  aspect: number
  now: number
  selecting: boolean
  selected: string[]
  onCell: (cell: ComparisonCell) => void
  onRerun: (cell: ComparisonCell) => void
}

const sticky = 'sticky z-10 bg-card'

/** The grid of one page; the axis labels stay in view while it scrolls either way. */
export function ComparisonGrid({ view, spec, page, cellWidth, aspect, now, selecting, selected, onCell, onRerun }: ComparisonGridProps) {
  const label = (axis: GridView<ComparisonCell>['columnAxis'], value: unknown) =>
    axis && value !== undefined ? valueLabel(axis.param, value as never) : ''
  const RowHead = view.rowAxis ? 'th' : 'td'
  return (
    <div
      className="relative max-h-[calc(100dvh-8.5rem)] min-h-64 overflow-auto rounded-xl [scrollbar-width:thin]"
      style={{ '--cell': `${cellWidth}px` } as React.CSSProperties}
    >
      <table aria-label="Comparison grid" className="mx-auto border-separate border-spacing-2 px-2">
        <thead>
          <tr>
            <th scope="col" className={`${sticky} top-0 left-0 z-20 min-w-24 px-2 text-left align-bottom text-xs font-medium text-muted-foreground`}>
              {view.rowAxis && <div>{axisLabel(view.rowAxis)} ↓</div>}
              {view.columnAxis && <div className="text-foreground/80">{axisLabel(view.columnAxis)} →</div>}
            </th>
            {view.columns.map((c) => (
              <th key={c.index} scope="col" className={`${sticky} top-0 px-1 py-2 text-sm font-semibold`}>
                <div className="mx-auto line-clamp-2 w-(--cell) break-words" title={label(view.columnAxis, c.value)}>
                  {label(view.columnAxis, c.value)}
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.rows.map((r, ri) => (
            <tr key={r.index}>
              {/* Without a row axis there is nothing to name the row: a plain cell, not an empty header. */}
              <RowHead
                scope={view.rowAxis ? 'row' : undefined}
                className={`${sticky} left-0 max-w-48 px-2 text-right align-middle text-sm font-semibold`}
              >
                <div className="line-clamp-6 break-words" title={label(view.rowAxis, r.value)}>
                  {label(view.rowAxis, r.value)}
                </div>
              </RowHead>
              {view.columns.map((_, ci) => {
                const cell = view.cellAt(ci, ri, page)
                return (
                  <td key={ci} className="p-0 align-top">
                    <GridCell
                      cell={cell}
                      clamped={cell ? clampedValues(spec, cell) : []}
                      name={cellName(view, ci, ri, page)}
                      now={now}
                      aspect={aspect}
                      selecting={selecting}
                      selected={!!cell?.image && selected.includes(cell.image.id)}
                      onOpen={() => cell && onCell(cell)}
                      onRerun={() => cell && onRerun(cell)}
                    />
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
