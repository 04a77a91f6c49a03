// Upgrades keep data: a database made by an older Darkroom (migrations 0000–0002) is brought up to
// date at boot, and its images get their search entries and places in the gallery's order.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../server/db/client'
import { createGallerySearch } from '../../../server/images/gallery-search'
import { parseGalleryQuery } from '../../../shared/gallery-query'

const dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-migrate-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function oldMigrations(upTo: number) {
  const src = path.resolve('server/db/migrations')
  const dst = path.join(dir, 'old-migrations')
  cpSync(src, dst, { recursive: true })
  const journalPath = path.join(dst, 'meta/_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'))
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= upTo)
  writeFileSync(journalPath, JSON.stringify(journal))
  return dst
}

describe('database upgrades', () => {
  it('carries images made before search existed into the search index, in order', () => {
    const file = path.join(dir, 'darkroom.db')
    const sqlite = new Database(file)
    migrate(drizzle(sqlite), { migrationsFolder: oldMigrations(2) })
    const job = sqlite.prepare(`insert into jobs (id, model, prompt, params, seed, status, created_at, updated_at) values (?, 'ernie-image', ?, ?, 7, 'completed', ?, ?)`)
    const image = sqlite.prepare(`insert into images (id, job_id, idx, file_name, thumb_name, mime_type, width, height, bytes, created_at) values (?, ?, 0, 'f', 't', 'image/png', 1, 1, 1, ?)`)
    ;[
      ['j1', 'an old lighthouse', 1000],
      ['j2', 'a newer lighthouse', 2000],
      ['j3', 'a fox', 3000],
    ].forEach(([id, prompt, at]) => {
      job.run(id, prompt, JSON.stringify({ prompt, num_inference_steps: 60, guidance_scale: 6 }), at, at)
      image.run(`${id}-0`, id, at)
    })
    sqlite.close()

    const db = openDatabase(file)
    const found = createGallerySearch(db).page(parseGalleryQuery('lighthouse steps:60 guidance:6 model:ernie-image').filter, { sort: 'newest', limit: 10 })
    expect(found.map((r) => [r.id, r.seq])).toEqual([
      ['j2-0', 2],
      ['j1-0', 1],
    ])
    db.close()
  })
})
