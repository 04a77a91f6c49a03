// The one SQLite connection (better-sqlite3 + drizzle), its migrations, and how async callers share it.
// better-sqlite3 runs each statement synchronously, so a single statement never interleaves with
// another; only a transaction spans awaits. While one is open, an async mutex holds every other caller
// back (a statement sent meanwhile would land inside it), and calls made within it — found through an
// AsyncLocalStorage — run straight away as part of it. Nested transactions are savepoints.
import { AsyncLocalStorage } from 'node:async_hooks'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from './schema'

// Not `new URL('./migrations', import.meta.url)`: Vite rewrites that pattern as a browser asset URL,
// which breaks the server when component tests (jsdom) start it.
const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

/** Compiled statements kept for reuse, newest use last. */
const STATEMENTS_KEPT = 256

/**
 * Keeps the statements compiled: drizzle (and the rate limiter) prepare every query anew on each
 * call, and compiling costs more than running most of them (getJob 196 → 115 µs, a no-op
 * transition 125 → 51 µs on this machine). The same SQL text gets the same statement back, its
 * output modes reset; better-sqlite3 runs each statement to completion synchronously, and nothing
 * here iterates one lazily, so sharing is safe.
 */
function keepStatements(sqlite: Database.Database) {
  const prepare = sqlite.prepare.bind(sqlite)
  const kept = new Map<string, Database.Statement>()
  sqlite.prepare = ((source: string) => {
    let statement = kept.get(source)
    if (statement) {
      kept.delete(source)
      if (statement.reader) statement.raw(false).pluck(false).expand(false)
    } else {
      statement = prepare(source)
      if (kept.size >= STATEMENTS_KEPT) kept.delete(kept.keys().next().value!)
    }
    kept.set(source, statement)
    return statement
  }) as typeof sqlite.prepare
}

/** Opens the file and brings its schema up to date (migrations run at every boot). */
export function openDatabase(file: string) {
  const sqlite = new Database(file)
  keepStatements(sqlite)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = drizzle(sqlite, { schema })
  migrate(db, { migrationsFolder })
  // Fresh planner statistics for the gallery's indexes; cheap, and SQLite's advice for long-lived apps.
  // The limit keeps it cheap at a million rows: ANALYZE samples instead of reading whole indexes.
  sqlite.pragma('analysis_limit = 1000')
  sqlite.pragma('optimize=0x10002')
  return Object.assign(db, { close: () => sqlite.close() })
}

export type Db = ReturnType<typeof openDatabase>

type Tx = { open: boolean; savepoints: number }

/** One holder at a time, first come first served. */
function createMutex() {
  let tail = Promise.resolve()
  let holders = 0
  return {
    get idle() {
      return holders === 0
    },
    async hold<T>(fn: () => Promise<T>): Promise<T> {
      holders++
      const before = tail
      let release!: () => void
      tail = new Promise<void>((resolve) => (release = resolve))
      try {
        await before
        return await fn()
      } finally {
        holders--
        release()
      }
    },
  }
}

export function createConnection(db: Db) {
  const sqlite = db.$client
  const current = new AsyncLocalStorage<Tx>()
  const mutex = createMutex()
  const inTransaction = () => current.getStore()?.open === true

  /** Runs synchronous database work for an async caller: now if nobody holds the connection, else in turn. */
  function run<T>(work: () => T): Promise<T> {
    if (inTransaction() || mutex.idle) {
      try {
        return Promise.resolve(work())
      } catch (err) {
        return Promise.reject(err)
      }
    }
    return mutex.hold(async () => work())
  }

  async function savepoint<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
    const name = `sp${++tx.savepoints}`
    sqlite.exec(`savepoint ${name}`)
    try {
      const result = await fn()
      sqlite.exec(`release ${name}`)
      return result
    } catch (err) {
      sqlite.exec(`rollback to ${name}`)
      sqlite.exec(`release ${name}`)
      throw err
    }
  }

  async function transaction<T>(fn: () => Promise<T>): Promise<T> {
    const open = current.getStore()
    if (open?.open) return savepoint(open, fn)
    return mutex.hold(async () => {
      const tx: Tx = { open: true, savepoints: 0 }
      // IMMEDIATE takes the write lock at once: a reader that later writes cannot fail half-way.
      sqlite.exec('begin immediate')
      try {
        const result = await current.run(tx, fn)
        sqlite.exec('commit')
        return result
      } catch (err) {
        if (sqlite.inTransaction) sqlite.exec('rollback')
        throw err
      } finally {
        tx.open = false
      }
    })
  }

  return { db, sqlite, run, transaction }
}

export type Connection = ReturnType<typeof createConnection>
