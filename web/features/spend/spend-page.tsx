import { useQuery } from '@tanstack/react-query'
import { isModelId, MODELS } from '../../../shared/catalogue'
import type { SpendReport } from '../../../shared/spend'
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card'
import { formatUsd } from '../../lib/format'
import { settingsQueries } from '../../queries/settings'
import { spendQueries } from '../../queries/spend'
import { SpendChart } from './spend-chart'

function Budget({ label, total }: { label: string; total: SpendReport['today'] }) {
  const share = total.budgetUsd ? Math.min(total.usd / total.budgetUsd, 1) : 0
  return (
    <div className="grid gap-1.5">
      <div className="flex items-baseline justify-between gap-3">
        <span className="text-sm text-muted-foreground">{label}</span>
        <span className="text-lg font-semibold tabular-nums">
          {formatUsd(total.usd)}
          {total.budgetUsd !== null && <span className="text-sm font-normal text-muted-foreground"> of {formatUsd(total.budgetUsd)}</span>}
        </span>
      </div>
      {total.budgetUsd !== null ? (
        <div
          className="h-2 overflow-hidden rounded bg-muted"
          role="meter"
          aria-label={`${label} against its budget`}
          aria-valuemin={0}
          aria-valuemax={total.budgetUsd}
          aria-valuenow={total.usd}
        >
          <div className={share >= 1 ? 'h-full bg-destructive' : 'h-full bg-primary'} style={{ width: `${share * 100}%` }} />
        </div>
      ) : (
        <span className="text-xs text-muted-foreground">No budget set</span>
      )}
    </div>
  )
}

function Breakdown({ title, rows }: { title: string; rows: { name: string; usd: number }[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing spent yet.</p>
        ) : (
          <table className="w-full text-sm">
            <tbody>
              {rows.map((r) => (
                <tr key={r.name} className="border-b border-border last:border-0">
                  <td className="py-1.5">{r.name}</td>
                  <td className="py-1.5 text-right tabular-nums">{formatUsd(r.usd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </CardContent>
    </Card>
  )
}

/** What this Darkroom has spent: today and this month against the budgets, per day, model and person. */
export function SpendPage() {
  const report = useQuery(spendQueries.report())
  const settings = useQuery(settingsQueries.get())
  if (report.isPending) return <p className="p-6 text-sm text-muted-foreground">Loading spend…</p>
  if (report.isError)
    return (
      <p role="alert" className="p-6 text-sm text-destructive">
        Could not load spend: {report.error.message}
      </p>
    )
  const r = report.data
  const demo = settings.data?.mode === 'demo'
  return (
    <div className="mx-auto grid max-w-5xl gap-5 p-4 sm:p-6">
      <Card aria-labelledby="spend-title">
        <CardHeader className="flex-wrap">
          <CardTitle id="spend-title">{demo ? 'Spend (simulated)' : 'Spend'}</CardTitle>
          <span className="text-xs text-muted-foreground">
            Includes jobs under way; unpriced models count at {formatUsd(r.unknownPriceUsd)} an image
          </span>
        </CardHeader>
        {demo && (
          <p className="mx-5 mt-4 rounded-md border border-warning/30 bg-warning/10 px-3 py-2 text-sm text-foreground">
            <strong className="font-semibold text-warning">Simulated figures.</strong> In demo mode nothing is charged: these are what the simulator's
            jobs would have cost at Pixazo's prices, so budgets can be tried out.
          </p>
        )}
        <CardContent className="grid gap-5">
          <div className="grid gap-5 sm:grid-cols-2">
            <Budget label="Today (UTC)" total={r.today} />
            <Budget label="This month" total={r.month} />
          </div>
          <SpendChart days={r.byDay} />
        </CardContent>
      </Card>
      <div className="grid gap-5 sm:grid-cols-2">
        <Breakdown
          title="Per model"
          rows={r.byModel.map((m) => ({ name: isModelId(m.model) ? MODELS[m.model].displayName : m.model, usd: m.usd }))}
        />
        <Breakdown title="Per person" rows={r.byPerson.map((p) => ({ name: p.person, usd: p.usd }))} />
      </div>
    </div>
  )
}
