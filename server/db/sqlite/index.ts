// The data layer on one SQLite file (better-sqlite3 + drizzle): every store of server/db/stores.ts.
import type { Data } from '../stores'
import { sqliteAccessStore } from './access'
import { sqliteCompareStore } from './compare'
import { createConnection, openDatabase } from './connection'
import { sqliteGalleryStore } from './gallery'
import { sqliteJobStore } from './jobs'
import { sqlitePresetStore } from './presets'
import { sqliteSearchStore, type SqliteSearchStore } from './search'
import { sqliteSpendStore } from './spend'
import { sqliteZipTicketStore } from './zip-tickets'

export type SqliteData = Data & { dialect: 'sqlite'; search: SqliteSearchStore }

/** Opens (creating if need be) and migrates the file. */
export function openSqlite(file: string): SqliteData {
  const connection = createConnection(openDatabase(file))
  return {
    dialect: 'sqlite',
    jobs: sqliteJobStore(connection),
    compare: sqliteCompareStore(connection),
    gallery: sqliteGalleryStore(connection),
    search: sqliteSearchStore(connection),
    presets: sqlitePresetStore(connection),
    access: sqliteAccessStore(connection),
    spend: sqliteSpendStore(connection),
    zipTickets: sqliteZipTicketStore(connection),
    limitStore: { dialect: 'sqlite', client: connection.sqlite },
    transaction: connection.transaction,
    ping: () => connection.run(() => void connection.sqlite.prepare('select 1').get()),
    close: () => connection.run(() => void connection.sqlite.close()),
  }
}
