// Which connection a store call uses: the pool, or — inside data.transaction() — the one pool client
// holding that transaction, found through AsyncLocalStorage so calls made however deep join it.
import { AsyncLocalStorage } from 'node:async_hooks'
import { sql } from 'drizzle-orm'
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import type pg from 'pg'
import * as schema from './schema'

export type PgDatabase = NodePgDatabase<typeof schema>
type Open = { db: PgDatabase; client: pg.PoolClient; savepoints: number }

export function createContext(pool: pg.Pool) {
  const root = drizzle(pool, { schema })
  const current = new AsyncLocalStorage<Open>()

  /**
   * Runs `fn` in one transaction (READ COMMITTED: concurrent writers are kept apart by the row locks
   * of compare-and-set updates and by advisory locks where a read decides a write; docs/decisions/019).
   * A nested call is a savepoint.
   */
  async function transaction<T>(fn: () => Promise<T>): Promise<T> {
    const open = current.getStore()
    if (open) {
      const name = `sp${++open.savepoints}`
      await open.client.query(`savepoint ${name}`)
      try {
        const result = await fn()
        await open.client.query(`release savepoint ${name}`)
        return result
      } catch (e) {
        await open.client.query(`rollback to savepoint ${name}`)
        throw e
      }
    }
    const client = await pool.connect()
    let broken = false
    try {
      await client.query('begin')
      const result = await current.run({ db: drizzle(client, { schema }), client, savepoints: 0 }, fn)
      await client.query('commit')
      return result
    } catch (e) {
      await client.query('rollback').catch(() => (broken = true))
      throw e
    } finally {
      client.release(broken)
    }
  }

  return {
    /** The transaction's connection when in one, else the pool. */
    db: (): PgDatabase => current.getStore()?.db ?? root,
    transaction,
    /** `fn` in a transaction holding advisory lock `key` until it ends (an outer transaction's end, when nested). */
    locked: <T>(key: number, fn: () => Promise<T>) =>
      transaction(async () => {
        await current.getStore()!.db.execute(sql`select pg_advisory_xact_lock(${key})`)
        return fn()
      }),
  }
}

export type Context = ReturnType<typeof createContext>

/** Advisory lock keys: one per thing that must run alone across every instance. */
export const LOCKS = { budget: 0x62756467, claim: 0x636c6169 } as const
