// Darkroom's data on PostgreSQL (DATABASE_URL=postgres://…): a node-postgres pool, the schema brought
// up to date at every boot (as on SQLite), and one store per area. docs/decisions/019.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import type { Data } from '../stores'
import { createAccessStore } from './access-store'
import { createChangeStore } from './change-store'
import { createCompareStore } from './compare-store'
import { createContext } from './context'
import { createGalleryStore } from './gallery-store'
import { createJobStore } from './job-store'
import { createPresetStore } from './preset-store'
import * as schema from './schema'
import { createSearchStore } from './search-store'
import { createSpendStore } from './spend-store'
import { createZipTicketStore } from './zip-ticket-store'

// See server/db/client.ts: not `new URL(…, import.meta.url)`, which Vite rewrites.
const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

/** pg_advisory_lock key of the migrations, so instances booting at once apply each migration once. */
const MIGRATION_LOCK = 0x6d696772

// int8 columns and count(*) hold epoch milliseconds, seeds, seqs and counts, all below 2^53: numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))

async function migrateOnce(pool: pg.Pool) {
  const client = await pool.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
    await migrate(drizzle(client, { schema }), { migrationsFolder })
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined)
    client.release()
  }
}

export async function openPostgres(url: string, opts: { maxConnections?: number } = {}): Promise<Data> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.maxConnections ?? 10,
    // Darkroom's queries read a page or a few rows: starting parallel workers costs more than it saves
    // (a 501-row count took 389 ms with workers, 63 ms without, at 1,000,000 images on 2 cores), and
    // so does compiling one with LLVM (JIT): a plan priced as a whole collection's walk that stops
    // after 1,000 entries spent 18 ms compiling to run 4 at 1M. A DATABASE_URL that sets its own
    // `options` wins (docs/decisions/031).
    options: '-c max_parallel_workers_per_gather=0 -c jit=off',
  })
  // An idle client losing its server (restart, failover) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined)
  try {
    await migrateOnce(pool)
  } catch (e) {
    await pool.end()
    throw e
  }
  const context = createContext(pool)
  return {
    dialect: 'postgres',
    jobs: createJobStore(context),
    compare: createCompareStore(context),
    gallery: createGalleryStore(context),
    search: createSearchStore(context),
    presets: createPresetStore(context),
    access: createAccessStore(context),
    spend: createSpendStore(context),
    zipTickets: createZipTicketStore(context),
    limitStore: { dialect: 'postgres', pool },
    changes: createChangeStore(context),
    transaction: context.transaction,
    async ping() {
      await pool.query('select 1')
    },
    close: () => pool.end(),
  }
}
