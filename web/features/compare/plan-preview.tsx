import { MODELS } from '../../../shared/catalogue'
import { AXIS_INFO } from '../../../shared/compare-axes'
import type { Plan } from '../../../shared/compare-plan'
import type { ComparisonSpec } from '../../../shared/compare'
import { axisLabel, gridView } from '../../../shared/compare-view'
import { valueLabel } from '../../../shared/compare-axes'
import { Card, CardHeader, CardTitle } from '../../components/ui/card'
import { formatUsd } from '../../lib/format'
import { plural } from './format'

const naText = (na: string[]) => na.map((n) => AXIS_INFO[n as keyof typeof AXIS_INFO]?.label ?? n).join(', ')

/** The grid's labels and what each cell will be, before anything is sent. */
export function PlanPreview({ spec, plan }: { spec: ComparisonSpec; plan: Plan | null }) {
  if (!plan?.ok) {
    return (
      <Card aria-labelledby="preview-title">
        <CardHeader>
          <CardTitle id="preview-title">Preview</CardTitle>
        </CardHeader>
        <p className="px-5 py-10 text-center text-sm text-muted-foreground">The grid appears here once every axis reads correctly.</p>
      </Card>
    )
  }
  const view = gridView({ spec, cells: plan.cells })
  const cols = view.columns.length
  const skipped = plan.cells.filter((c) => c.outOfRange).length
  return (
    <Card aria-labelledby="preview-title">
      <CardHeader>
        <CardTitle id="preview-title">Preview</CardTitle>
        <span className="text-xs text-muted-foreground tabular-nums">
          {cols} × {view.rows.length}
          {view.pages.length > 1 ? ` × ${view.pages.length} pages` : ''} · {plural(plan.cells.length, 'cell')}
          {skipped > 0 && ` · ${skipped} out of range`}
        </span>
      </CardHeader>
      <div
        tabIndex={0}
        role="group"
        aria-label="Planned grid"
        className="overflow-auto p-4 outline-none focus-visible:ring-2 focus-visible:ring-ring [scrollbar-width:thin]"
      >
        {view.pageAxis && (
          <p className="mb-2 text-xs text-muted-foreground">
            Page 1 of {view.pages.length}: {axisLabel(view.pageAxis)} = {valueLabel(view.pageAxis.param, view.pages[0]!.value!)}
          </p>
        )}
        <table aria-label="Grid preview" className="border-separate border-spacing-1 text-xs">
          <thead>
            <tr>
              <th className="pr-2 text-left align-bottom font-normal whitespace-nowrap text-muted-foreground">
                {axisLabel(view.rowAxis)}
                {view.rowAxis && view.columnAxis ? ' ↓ / ' : ''}
                {axisLabel(view.columnAxis)}
                {view.columnAxis ? ' →' : ''}
              </th>
              {view.columns.map((c) => (
                <th key={c.index} scope="col" className="max-w-44 truncate px-1 font-medium">
                  {view.columnAxis ? valueLabel(view.columnAxis.param, c.value!) : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((r, ri) => (
              <tr key={r.index}>
                <th scope="row" className="max-w-40 truncate pr-2 text-right font-medium">
                  {view.rowAxis ? valueLabel(view.rowAxis.param, r.value!) : ''}
                </th>
                {view.columns.map((_, ci) => {
                  const cell = view.cellAt(ci, ri, 0)
                  return (
                    <td key={ci} className="h-14 w-44 min-w-28 rounded-md border border-dashed border-border bg-background/40 px-2 py-1 align-top">
                      {cell?.outOfRange && (
                        <div className="grid gap-0.5 text-warning" title={cell.outOfRange}>
                          <span className="font-medium">Out of range for this model</span>
                          <span className="truncate text-muted-foreground">not sent · no cost</span>
                        </div>
                      )}
                      {cell && !cell.outOfRange && (
                        <>
                          <div className="truncate text-muted-foreground">
                            {view.columnAxis?.param === 'model' || view.rowAxis?.param === 'model' ? '' : `${MODELS[cell.model].displayName} · `}
                            {cell.sameAs !== null
                              ? 'no extra cost'
                              : MODELS[cell.model].pricePerImageUsd === null
                                ? 'price unknown'
                                : formatUsd(MODELS[cell.model].pricePerImageUsd!)}
                          </div>
                          {cell.na.length > 0 && <div className="truncate text-warning">n/a: {naText(cell.na)}</div>}
                          {cell.sameAs !== null && <div className="truncate text-muted-foreground">same request as cell {cell.sameAs + 1}</div>}
                        </>
                      )}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  )
}
