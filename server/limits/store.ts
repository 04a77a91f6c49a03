// Where the shared limits keep their counters: a table in Darkroom's own database, so every instance
// that shares the database shares each limit. rate-limiter-flexible does the counting (one atomic upsert
// per call); the table comes from a migration (rate_limits), never from the library at run time.
import type Database from 'better-sqlite3'
import type pg from 'pg'
import { RateLimiterPostgres, RateLimiterSQLite, type RateLimiterAbstract } from 'rate-limiter-flexible'

/**
 * The database the limits live in. SQLite: the app's own better-sqlite3 connection, so a limiter's
 * write joins whatever transaction that connection has open instead of waiting on it (a second
 * connection would block the event loop on the write lock). Postgres: a pool; each call is one
 * statement on whichever client is free, outside any transaction of the app's.
 */
export type LimitStore = { dialect: 'sqlite'; client: Database.Database } | { dialect: 'postgres'; pool: pg.Pool }

export const TABLE = 'rate_limits'

export type LimiterShape = {
  /** Kept apart from other limits' keys in the one table. */
  keyPrefix: string
  points: number
  /** Seconds; `duration * 1000` must be a whole number of milliseconds (Postgres keeps `expire` as bigint). */
  duration: number
}

export function openLimiter(store: LimitStore, shape: LimiterShape): RateLimiterAbstract {
  if (!Number.isInteger(shape.duration * 1000)) throw new Error(`Limiter ${shape.keyPrefix}: ${shape.duration} s is not a whole number of ms`)
  switch (store.dialect) {
    case 'sqlite':
      return new RateLimiterSQLite({ ...shape, storeClient: store.client, storeType: 'better-sqlite3', tableName: TABLE, tableCreated: true })
    case 'postgres':
      return new RateLimiterPostgres({ ...shape, storeClient: store.pool, storeType: 'pool', tableName: TABLE, tableCreated: true })
  }
}

/** Drops counters that ran out before `before` (epoch ms); every limiter's rows share the one table. */
export async function pruneExpired(store: LimitStore, before: number) {
  switch (store.dialect) {
    case 'sqlite':
      store.client.prepare(`DELETE FROM ${TABLE} WHERE expire < ?`).run(before)
      return
    case 'postgres':
      await store.pool.query(`DELETE FROM ${TABLE} WHERE expire < $1`, [before])
  }
}
