// ZipTicketStore on SQLite: one DELETE … RETURNING redeems a ticket, so of two racing redeemers one gets it.
import { and, eq, gt, lt } from 'drizzle-orm'
import type { ZipTicketStore } from '../stores'
import type { Connection } from './connection'
import { zipTickets } from './schema'

export function sqliteZipTicketStore({ db, run, transaction }: Connection): ZipTicketStore {
  return {
    add: (token, ids, expiresAt, now) =>
      transaction(async () => {
        db.delete(zipTickets).where(lt(zipTickets.expiresAt, now)).run()
        db.insert(zipTickets).values({ token, ids, expiresAt }).run()
      }),
    take: (token, now) =>
      run(() => {
        const [row] = db
          .delete(zipTickets)
          .where(and(eq(zipTickets.token, token), gt(zipTickets.expiresAt, now)))
          .returning({ ids: zipTickets.ids })
          .all()
        return row?.ids ?? null
      }),
  }
}
