// Chooses the database from the settings: PostgreSQL when DATABASE_URL is set (docs/decisions/019),
// else SQLite in DATA_DIR.
import path from 'node:path'
import type { Env } from '../env'
import { openPostgres } from './postgres'
import { openSqlite } from './sqlite'
import type { Data } from './stores'

export async function openData(env: Pick<Env, 'dataDir' | 'databaseUrl'>): Promise<Data> {
  if (env.databaseUrl) return openPostgres(env.databaseUrl)
  return openSqlite(path.join(env.dataDir, 'darkroom.db'))
}
