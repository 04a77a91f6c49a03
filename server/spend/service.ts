// What has been spent (or is reserved by jobs under way), against daily and monthly budgets. Counted
// from the catalogue's prices and the images actually made; a model without a published price counts
// at UNKNOWN_PRICE_USD, never at zero. Days and months are UTC.
import { MODELS, isModelId } from '../../shared/catalogue'
import type { SpendReport } from '../../shared/spend'
import { MAY_BE_BILLED_STATUSES } from '../../shared/job-states'
import type { Db } from '../db/client'

export type SpendOptions = { dailyUsd?: number; monthlyUsd?: number; unknownPriceUsd: number }
export type SpendRow = { day: string; model: string; person: string; usd: number }

const round = (n: number) => Math.round(n * 1e6) / 1e6
const money = (n: number) => `$${round(n).toFixed(n < 1 ? 3 : 2)}`
const dayStart = (t: number) => Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth(), new Date(t).getUTCDate())
const monthStart = (t: number) => Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth(), 1)

/** Statuses whose images are (or may be, or soon will be) billed, and how many of them count. */
const BILLED_SQL = `
  select j.model as model, j.created_at as createdAt, coalesce(j.created_by, 'local') as person,
    case
      when j.status = 'completed' then (select count(*) from images i where i.job_id = j.id)
      when j.status in (${MAY_BE_BILLED_STATUSES.map((s) => `'${s}'`).join(', ')})
        or (j.status = 'failed' and j.error_code = 'FAILED')
        then coalesce(json_extract(j.params, '$.num_images'), 1)
      else 0
    end as images
  from jobs j where j.created_at >= ?
  union all
  select c.model, cmp.created_at, 'comparison', 1 from comparison_cells c join comparisons cmp on cmp.id = c.comparison_id
  where c.pending = 1 and c.job_id is null and c.same_as is null and cmp.cancelled_at is null and cmp.created_at >= ?`

export class OverBudgetError extends Error {}

export function createSpend(db: Db, options: SpendOptions) {
  const priceOf = (model: string) => (isModelId(model) ? (MODELS[model].pricePerImageUsd ?? options.unknownPriceUsd) : options.unknownPriceUsd)

  function rows(since: number): SpendRow[] {
    const raw = db.$client.prepare(BILLED_SQL).all(since, since) as { model: string; createdAt: number; person: string; images: number }[]
    return raw
      .filter((r) => r.images > 0)
      .map((r) => ({ day: new Date(r.createdAt).toISOString().slice(0, 10), model: r.model, person: r.person, usd: r.images * priceOf(r.model) }))
  }
  const total = (list: SpendRow[], from: number) => round(list.filter((r) => Date.parse(r.day) >= from).reduce((s, r) => s + r.usd, 0))

  return {
    priceOf,

    /** Refuses a submit whose cost would take today's or this month's spend past a budget. */
    check(costUsd: number, now = Date.now()) {
      if (options.dailyUsd === undefined && options.monthlyUsd === undefined) return
      const list = rows(monthStart(now))
      for (const [label, budget, from, setting, when] of [
        ['daily', options.dailyUsd, dayStart(now), 'DAILY_BUDGET_USD', 'tomorrow (UTC)'],
        ['monthly', options.monthlyUsd, monthStart(now), 'MONTHLY_BUDGET_USD', 'next month'],
      ] as const) {
        if (budget === undefined) continue
        const spent = total(list, from)
        if (round(spent + costUsd) > budget) {
          throw new OverBudgetError(
            `Over the ${label} budget: ${money(spent)} spent or reserved so far, this would add ${money(costUsd)} (${money(spent + costUsd)} in all), ` +
              `and the budget is ${money(budget)}. Wait until ${when} or raise ${setting}.`,
          )
        }
      }
    },

    /** Spend per day, model and person for the last `days` days, with today's and this month's totals. */
    report(days = 30, now = Date.now()): SpendReport {
      const since = Math.min(dayStart(now) - (days - 1) * 86_400_000, monthStart(now))
      const list = rows(since)
      const sum = (key: 'day' | 'model' | 'person') => {
        const map = new Map<string, number>()
        for (const r of list) map.set(r[key], (map.get(r[key]) ?? 0) + r.usd)
        return [...map].sort(([a], [b]) => a.localeCompare(b)).map(([name, usd]) => ({ name, usd: round(usd) }))
      }
      return {
        today: { usd: total(list, dayStart(now)), budgetUsd: options.dailyUsd ?? null },
        month: { usd: total(list, monthStart(now)), budgetUsd: options.monthlyUsd ?? null },
        unknownPriceUsd: options.unknownPriceUsd,
        byDay: sum('day').map(({ name, usd }) => ({ day: name, usd })),
        byModel: sum('model').map(({ name, usd }) => ({ model: name, usd })),
        byPerson: sum('person').map(({ name, usd }) => ({ person: name, usd })),
      }
    },
  }
}

export type Spend = ReturnType<typeof createSpend>
