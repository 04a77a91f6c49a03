// Chooses the database from the settings: SQLite in DATA_DIR unless DATABASE_URL names another.
import path from 'node:path'
import { EnvError, type Env } from '../env'
import { openSqlite } from './sqlite'
import type { Data } from './stores'

export function openData(env: Pick<Env, 'dataDir' | 'databaseUrl'>): Data {
  if (env.databaseUrl) {
    // PostgreSQL (server/db/postgres/) is not part of this build yet: refuse rather than ignore the setting.
    throw new EnvError(
      'DATABASE_URL is set, but this build of Darkroom cannot use PostgreSQL yet. Unset DATABASE_URL to keep the data in DATA_DIR (SQLite).',
    )
  }
  return openSqlite(path.join(env.dataDir, 'darkroom.db'))
}
