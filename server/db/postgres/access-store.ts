// Browser sessions on PostgreSQL.
import { eq, lt } from 'drizzle-orm'
import type { AccessStore } from '../stores'
import type { Context } from './context'
import { sessions } from './schema'

export function createAccessStore({ db }: Context): AccessStore {
  return {
    async findSession(tokenHash) {
      const [row] = await db().select().from(sessions).where(eq(sessions.tokenHash, tokenHash))
      return row
    },
    async insertSession(row) {
      await db().insert(sessions).values(row)
    },
    async deleteSession(tokenHash) {
      await db().delete(sessions).where(eq(sessions.tokenHash, tokenHash))
    },
    async deleteExpiredSessions(now) {
      await db().delete(sessions).where(lt(sessions.expiresAt, now))
    },
    async deleteAllSessions() {
      const res = await db().delete(sessions)
      return res.rowCount ?? 0
    },
  }
}
