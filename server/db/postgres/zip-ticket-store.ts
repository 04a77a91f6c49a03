// One-shot zip download tickets on PostgreSQL: the same DELETE … RETURNING as on SQLite, so of two
// instances racing for a ticket one gets it (decision 021).
import { and, eq, gt, lt } from 'drizzle-orm'
import type { ZipTicketStore } from '../stores'
import type { Context } from './context'
import { zipTickets } from './schema'

export function createZipTicketStore({ db, transaction }: Context): ZipTicketStore {
  return {
    add: (token, ids, expiresAt, now) =>
      transaction(async () => {
        await db().delete(zipTickets).where(lt(zipTickets.expiresAt, now))
        await db().insert(zipTickets).values({ token, ids, expiresAt })
      }),
    async take(token, now) {
      const [row] = await db()
        .delete(zipTickets)
        .where(and(eq(zipTickets.token, token), gt(zipTickets.expiresAt, now)))
        .returning({ ids: zipTickets.ids })
      return row?.ids ?? null
    },
  }
}
