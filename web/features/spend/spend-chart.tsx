import type { SpendReport } from '../../../shared/spend'
import { formatUsd } from '../../lib/format'

/** Spend per day as bars, the last 30 days; each bar's exact figure is in its title and its label. */
export function SpendChart({ days }: { days: SpendReport['byDay'] }) {
  const today = new Date()
  const series = Array.from({ length: 30 }, (_, i) => {
    const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 29 + i)).toISOString().slice(0, 10)
    return { day: d, usd: days.find((x) => x.day === d)?.usd ?? 0 }
  })
  const max = Math.max(...series.map((s) => s.usd), 0.001)
  return (
    <figure aria-label="Spend per day, last 30 days" className="grid gap-2">
      <div className="flex h-40 items-end gap-1" role="list">
        {series.map((s) => (
          <div
            key={s.day}
            role="listitem"
            aria-label={`${s.day}: ${formatUsd(s.usd)}`}
            title={`${s.day}: ${formatUsd(s.usd)}`}
            className="flex h-full flex-1 items-end"
          >
            <div className="w-full rounded-t bg-primary/80" style={{ height: `${Math.max((s.usd / max) * 100, s.usd > 0 ? 2 : 0)}%` }} />
          </div>
        ))}
      </div>
      <figcaption className="flex justify-between text-xs text-muted-foreground">
        <span>{series[0]!.day}</span>
        <span>today</span>
      </figcaption>
    </figure>
  )
}
