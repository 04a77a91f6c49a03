// Upgrades keep data: a database made by an older Darkroom (migrations 0000–0002) is brought up to
// date at boot, and its images get their search entries and places in the gallery's order.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { afterAll, describe, expect, it } from 'vitest'
import { openSqlite } from '../../../server/db/sqlite'
import { createSpend } from '../../../server/spend/service'
import { parseGalleryQuery } from '../../../shared/gallery-query'
import { oldMigrations } from './old-migrations'

const dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-migrate-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('database upgrades', () => {
  it('carries images made before search existed into the search index, in order', async () => {
    const file = path.join(dir, 'darkroom.db')
    const sqlite = new Database(file)
    migrate(drizzle(sqlite), { migrationsFolder: oldMigrations(dir, 2) })
    const job = sqlite.prepare(
      `insert into jobs (id, model, prompt, params, seed, status, created_at, updated_at) values (?, 'ernie-image', ?, ?, 7, 'completed', ?, ?)`,
    )
    const image = sqlite.prepare(
      `insert into images (id, job_id, idx, file_name, thumb_name, mime_type, width, height, bytes, created_at) values (?, ?, 0, 'f', 't', 'image/png', 1, 1, 1, ?)`,
    )
    ;[
      ['j1', 'an old lighthouse', 1000],
      ['j2', 'a newer lighthouse', 2000],
      ['j3', 'a fox', 3000],
    ].forEach(([id, prompt, at]) => {
      job.run(id, prompt, JSON.stringify({ prompt, num_inference_steps: 60, guidance_scale: 6 }), at, at)
      image.run(`${id}-0`, id, at)
    })
    sqlite.close()

    const db = openSqlite(file)
    const found = await db.search.page(parseGalleryQuery('lighthouse steps:60 guidance:6 model:ernie-image').filter, {
      sort: 'newest',
      limit: 10,
    })
    expect(found.map((r) => [r.id, r.seq])).toEqual([
      ['j2-0', 2],
      ['j1-0', 1],
    ])
    await db.close()
  })

  it('brings the spend of an older database into the running totals, and money spent stays spent', async () => {
    const file = path.join(dir, 'spend.db')
    const sqlite = new Database(file)
    migrate(drizzle(sqlite), { migrationsFolder: oldMigrations(dir, 6) })
    const day = (d: number, h = 12) => Date.UTC(2026, 5, d, h)
    const job = sqlite.prepare(
      `insert into jobs (id, model, prompt, params, status, error_code, created_by, created_at, updated_at) values (?, ?, 'p', ?, ?, ?, ?, ?, ?)`,
    )
    const add = (id: string, model: string, images: number, status: string, errorCode: string | null, by: string | null, at: number) =>
      job.run(id, model, JSON.stringify({ prompt: 'p', num_images: images }), status, errorCode, by, at, at)
    add('done', 'z-image-turbo', 2, 'completed', null, 'token 1', day(14))
    add('unsafe', 'ernie-image', 1, 'failed', 'FAILED', 'token 1', day(15))
    add('system', 'ernie-image', 1, 'failed', 'ERROR', 'token 1', day(15))
    add('queued', 'z-image-turbo', 3, 'waiting', null, null, day(15))
    add('dropped', 'z-image-turbo', 4, 'cancelled', null, null, day(15))
    const image = sqlite.prepare(
      `insert into images (id, job_id, idx, file_name, thumb_name, mime_type, width, height, bytes, created_at, seq) values (?, 'done', ?, 'f', 't', 'image/png', 1, 1, 1, ?, ?)`,
    )
    image.run('done-0', 0, day(14), 1)
    image.run('done-1', 1, day(14), 2)
    sqlite.prepare(`insert into comparisons (id, title, spec, created_at) values ('grid', 't', '{}', ?)`).run(day(15))
    const cell = sqlite.prepare(
      `insert into comparison_cells (comparison_id, idx, x, y, z, model, params, na, same_as, pending) values ('grid', ?, ?, 0, 0, 'z-image-turbo', '{"prompt":"p","num_images":1}', '[]', ?, 1)`,
    )
    cell.run(0, 0, null)
    cell.run(1, 1, 0) // repeats cell 0: costs nothing
    sqlite.close()

    const db = openSqlite(file)
    const spend = createSpend(db.spend, { dailyUsd: 1, unknownPriceUsd: 0.05 })
    const expected = {
      today: { usd: 0.082, budgetUsd: 1 },
      month: { usd: 0.098, budgetUsd: null },
      byDay: [
        { day: '2026-06-14', usd: 0.016 },
        { day: '2026-06-15', usd: 0.082 },
      ],
      byModel: [
        { model: 'ernie-image', usd: 0.05 },
        { model: 'z-image-turbo', usd: 0.048 },
      ],
      byPerson: [
        { person: 'local', usd: 0.032 },
        { person: 'token 1', usd: 0.066 },
      ],
    }
    expect(await spend.report(30, day(15, 18))).toMatchObject(expected)
    // Images deleted from the gallery were still paid for.
    await db.gallery.purge(['done-0', 'done-1'])
    expect(await spend.report(30, day(15, 18))).toMatchObject(expected)
    await db.close()
  })
})
