// Spend totals on PostgreSQL, kept by the PL/pgSQL triggers of the migrations. The budget gate's
// `exclusive` holds an advisory transaction lock: budget checks run one at a time across instances.
import { and, gte, ne, sql, sum } from 'drizzle-orm'
import type { SpendStore } from '../stores'
import { LOCKS, type Context } from './context'
import { spendTotals } from './schema'

export function createSpendStore({ db, locked }: Context): SpendStore {
  return {
    totalsSince: (day) =>
      db()
        .select()
        .from(spendTotals)
        .where(and(gte(spendTotals.day, day), ne(spendTotals.images, 0))),

    byDayAndModelSince: (day) =>
      db()
        .select({ day: spendTotals.day, model: spendTotals.model, images: sql<number>`${sum(spendTotals.images)}::int` })
        .from(spendTotals)
        .where(gte(spendTotals.day, day))
        .groupBy(spendTotals.day, spendTotals.model),

    exclusive: (work) => locked(LOCKS.budget, work),
  }
}
