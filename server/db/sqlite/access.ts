// AccessStore on SQLite: browser sessions.
import { eq, lt } from 'drizzle-orm'
import type { AccessStore } from '../stores'
import type { Connection } from './connection'
import { sessions } from './schema'

export function sqliteAccessStore({ db, run }: Connection): AccessStore {
  return {
    findSession: (tokenHash) => run(() => db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash)).get()),
    insertSession: (row) => run(() => void db.insert(sessions).values(row).run()),
    deleteSession: (tokenHash) => run(() => void db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run()),
    deleteExpiredSessions: (now) => run(() => void db.delete(sessions).where(lt(sessions.expiresAt, now)).run()),
    deleteAllSessions: () => run(() => db.delete(sessions).run().changes),
  }
}
