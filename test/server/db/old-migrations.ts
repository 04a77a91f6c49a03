// A copy of the migrations folder cut off after `upTo`, to build a database as an older Darkroom did.
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export function oldMigrations(dir: string, upTo: number, database: 'sqlite' | 'postgres' = 'sqlite') {
  const dst = path.join(dir, `${database}-migrations-upto-${upTo}`)
  cpSync(path.resolve(`server/db/${database}/migrations`), dst, { recursive: true })
  const journalPath = path.join(dst, 'meta/_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'))
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= upTo)
  writeFileSync(journalPath, JSON.stringify(journal))
  return dst
}
