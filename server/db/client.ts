// Opens the SQLite file in DATA_DIR and brings its schema up to date (migrations run at every boot).
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from './schema'

// Not `new URL('./migrations', import.meta.url)`: Vite rewrites that pattern as a browser asset URL,
// which breaks the server when component tests (jsdom) start it.
const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

export function openDatabase(file: string) {
  const sqlite = new Database(file)
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
