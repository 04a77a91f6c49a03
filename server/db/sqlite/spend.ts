// SpendStore on SQLite: the totals triggers keep (migration 0007), and the budget gate's exclusive
// transaction — BEGIN IMMEDIATE on the one connection already serialises every writer.
import type { SpendStore, SpendTotalRow } from '../stores'
import type { Connection } from './connection'

export function sqliteSpendStore({ sqlite, run, transaction }: Connection): SpendStore {
  const since = sqlite.prepare<[string], SpendTotalRow>('select day, model, person, images from spend_totals where day >= ? and images != 0')
  const byModelSince = sqlite.prepare<[string], Omit<SpendTotalRow, 'person'>>(
    'select day, model, sum(images) as images from spend_totals where day >= ? group by day, model',
  )
  return {
    totalsSince: (day) => run(() => since.all(day)),
    byDayAndModelSince: (day) => run(() => byModelSince.all(day)),
    exclusive: transaction,
  }
}
