// One-shot zip download tickets in the database, so a ticket issued by one instance is redeemable at
// any other. Redeeming is one DELETE … RETURNING: of two instances racing for a ticket, one gets it.
import { and, eq, gt, lt } from 'drizzle-orm'
import type { Db } from './client'
import { zipTickets } from './schema'

export type ZipTicketStore = {
  /** Keeps a ticket for `ids` until `expiresAt` (epoch ms), dropping tickets that ran out before `now`. */
  add(token: string, ids: string[], expiresAt: number, now: number): Promise<void>
  /** The ids of a ticket still valid at `now`, removing it; null when unknown, used or expired. */
  take(token: string, now: number): Promise<string[] | null>
}

export function createZipTicketStore(db: Db): ZipTicketStore {
  return {
    async add(token, ids, expiresAt, now) {
      db.transaction((tx) => {
        tx.delete(zipTickets).where(lt(zipTickets.expiresAt, now)).run()
        tx.insert(zipTickets).values({ token, ids, expiresAt }).run()
      })
    },
    async take(token, now) {
      const [row] = db
        .delete(zipTickets)
        .where(and(eq(zipTickets.token, token), gt(zipTickets.expiresAt, now)))
        .returning({ ids: zipTickets.ids })
        .all()
      return row?.ids ?? null
    },
  }
}
