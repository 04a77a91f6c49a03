// What has been spent (or is reserved by work under way), against daily and monthly budgets, and the
// one budget gate every route that creates upstream work goes through. Spend is read from running
// totals of images per UTC day, model and person, which triggers keep in the same transaction as the
// jobs and comparison cells themselves (migration 0007; docs/decisions/008-budgets-and-spend.md).
// Dollars are images × the catalogue's price, an unpublished price at UNKNOWN_PRICE_USD, never zero.
import { estimateCostUsd } from '../../shared/catalogue'
import type { SpendReport } from '../../shared/spend'
import type { SpendStore, SpendTotalRow } from '../db/stores'
import { OverBudget } from '../errors'

export type SpendOptions = { dailyUsd?: number; monthlyUsd?: number; unknownPriceUsd: number }

const round = (n: number) => Math.round(n * 1e6) / 1e6
const DAY_MS = 86_400_000
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10)
const monthOf = (t: number) => `${dayOf(t).slice(0, 7)}-01`

export function createSpend(store: SpendStore, options: SpendOptions) {
  const usd = (r: Pick<SpendTotalRow, 'model' | 'images'>) => estimateCostUsd(r.model, r.images, options.unknownPriceUsd)

  /** Today's and this month's spend, from a handful of total rows. */
  async function spent(now: number) {
    const today = dayOf(now)
    let daily = 0
    let monthly = 0
    for (const row of await store.byDayAndModelSince(monthOf(now))) {
      const cost = usd(row)
      monthly += cost
      if (row.day === today) daily += cost
    }
    return { daily: round(daily), monthly: round(monthly) }
  }

  return {
    /**
     * The budget gate. Runs `work` — anything that can create upstream work — in one transaction and
     * undoes it if it raised today's or this month's spend past a budget. Whatever `work` writes is
     * counted by the triggers, so the check cannot miss a path or race a parallel request.
     */
    gate<T>(work: () => Promise<T>, now = Date.now()): Promise<T> {
      return store.exclusive(async () => {
        if (options.dailyUsd === undefined && options.monthlyUsd === undefined) return work()
        const before = await spent(now)
        const result = await work()
        const after = await spent(now)
        for (const [period, budget] of [
          ['daily', options.dailyUsd],
          ['monthly', options.monthlyUsd],
        ] as const) {
          if (budget === undefined) continue
          const add = round(after[period] - before[period])
          if (add > 0 && after[period] > budget) throw new OverBudget(period, { spentUsd: before[period], addUsd: add, budgetUsd: budget })
        }
        return result
      })
    },

    /** Spend per day, model and person for the last `days` days, with today's and this month's totals. */
    async report(days = 30, now = Date.now()): Promise<SpendReport> {
      const from = Math.min(Date.parse(dayOf(now)) - (days - 1) * DAY_MS, Date.parse(monthOf(now)))
      const rows = (await store.totalsSince(dayOf(from))).map((r) => ({ ...r, usd: usd(r) }))
      const sum = (key: 'day' | 'model' | 'person') => {
        const map = new Map<string, number>()
        for (const r of rows) map.set(r[key], (map.get(r[key]) ?? 0) + r.usd)
        return [...map]
          .filter(([, v]) => round(v) !== 0)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, total]) => ({ name, usd: round(total) }))
      }
      const { daily, monthly } = await spent(now)
      return {
        today: { usd: daily, budgetUsd: options.dailyUsd ?? null },
        month: { usd: monthly, budgetUsd: options.monthlyUsd ?? null },
        unknownPriceUsd: options.unknownPriceUsd,
        byDay: sum('day').map(({ name, usd }) => ({ day: name, usd })),
        byModel: sum('model').map(({ name, usd }) => ({ model: name, usd })),
        byPerson: sum('person').map(({ name, usd }) => ({ person: name, usd })),
      }
    },
  }
}

export type Spend = ReturnType<typeof createSpend>
