import type * as React from 'react'
import type { AxisKey, ComparisonSpec } from '../../../shared/compare'
import { AXIS_INFO, valueLabel } from '../../../shared/compare-axes'
import type { AxisOrder, Hidden } from '../../../shared/compare-view'
import { Button } from '../../components/ui/button'
import { ToggleChip } from '../../components/ui/toggle-chip'

export type ViewState = { order: AxisOrder; hidden: Hidden; cellWidth: number; page: number }

type ViewControlsProps = { spec: ComparisonSpec; view: ViewState; onChange: (next: ViewState) => void; children?: React.ReactNode }

const ROLE = ['Columns', 'Rows', 'Pages'] as const

/** Swap axes, hide values, zoom: how the grid is read; the comparison itself never changes. */
export function ViewControls({ spec, view, onChange, children }: ViewControlsProps) {
  const swap = (a: number, b: number) => {
    const order = [...view.order] as [AxisKey, AxisKey, AxisKey]
    ;[order[a], order[b]] = [order[b]!, order[a]!]
    onChange({ ...view, order, page: 0 })
  }
  const toggle = (key: AxisKey, index: number) => {
    const now = view.hidden[key] ?? []
    const next = now.includes(index) ? now.filter((i) => i !== index) : [...now, index]
    if (next.length >= (spec.axes[key]?.values.length ?? 1)) return // one value always stays
    onChange({ ...view, hidden: { ...view.hidden, [key]: next }, page: 0 })
  }
  const axisCount = Object.values(spec.axes).filter(Boolean).length
  const hiddenCount = Object.values(view.hidden).reduce((n, list) => n + (list?.length ?? 0), 0)
  const hideable = view.order.filter((key) => (spec.axes[key]?.values.length ?? 0) > 1)
  return (
    <div className="grid gap-3 border-t border-border p-5 text-sm">
      <h3 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">View</h3>
      <p className="text-xs text-muted-foreground">
        {view.order
          .map((key, i) => (spec.axes[key] ? `${ROLE[i]}: ${AXIS_INFO[spec.axes[key]!.param].label}` : null))
          .filter(Boolean)
          .join(' · ') || 'One cell'}
      </p>
      <div className="flex flex-wrap gap-2">
        {axisCount > 0 && (
          <Button variant="outline" size="sm" onClick={() => swap(0, 1)}>
            Swap columns ↔ rows
          </Button>
        )}
        {axisCount > 1 && (
          <Button variant="outline" size="sm" onClick={() => swap(1, 2)}>
            Swap rows ↔ pages
          </Button>
        )}
      </div>
      {hideable.map((key) => {
        const axis = spec.axes[key]!
        return (
          <div key={key} role="group" aria-label={`Show ${AXIS_INFO[axis.param].label} values`} className="flex flex-wrap items-center gap-1.5">
            <span className="w-full text-xs text-muted-foreground">{AXIS_INFO[axis.param].label}</span>
            {axis.values.map((v, i) => (
              <ToggleChip
                key={i}
                pressed={!view.hidden[key]?.includes(i)}
                onClick={() => toggle(key, i)}
                className="max-w-full"
                title={valueLabel(axis.param, v)}
              >
                <span className="truncate">{valueLabel(axis.param, v)}</span>
              </ToggleChip>
            ))}
          </div>
        )
      })}
      {hiddenCount > 0 && <p className="text-xs text-muted-foreground">{hiddenCount} hidden; the export shows all values.</p>}
      <label className="flex items-center gap-3 text-xs text-muted-foreground">
        Zoom
        <input
          type="range"
          aria-label="Cell size"
          min={96}
          max={480}
          step={16}
          value={view.cellWidth}
          onChange={(e) => onChange({ ...view, cellWidth: Number(e.target.value) })}
          className="flex-1 accent-primary"
        />
      </label>
      {children}
    </div>
  )
}
