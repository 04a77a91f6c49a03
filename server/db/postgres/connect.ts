// Connects to PostgreSQL (DATABASE_URL) and brings its schema up to date: migrations run at every boot,
// as on SQLite, under an advisory lock so instances booting at once apply each migration once.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import * as schema from './schema'

// See server/db/client.ts: not `new URL(…, import.meta.url)`, which Vite rewrites.
const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

/** pg_advisory_lock key of the migrations ("darkroom" in ASCII, truncated to 32 bits). */
const MIGRATION_LOCK = 0x6461726b

// bigint (int8) columns hold epoch milliseconds, seeds and seqs, all below 2^53: read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))

export async function connectPostgres(url: string, opts: { max?: number } = {}) {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 })
  // An idle client that loses its server (restart, failover) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined)
  const client = await pool.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
    await migrate(drizzle(client, { schema }), { migrationsFolder })
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined)
    client.release()
  }
  const db = drizzle(pool, { schema })
  return Object.assign(db, { close: () => pool.end() })
}

export type PgDb = Awaited<ReturnType<typeof connectPostgres>>
