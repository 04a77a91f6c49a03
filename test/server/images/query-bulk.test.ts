// Query-wide actions at their cap (docs/decisions/027): a query matching more than MAX_QUERY_BULK images
// is refused naming q with nothing changed; one at the cap runs in chunks, every match done, and a delete
// hands back every id so Undo can restore them all. Real SQLite file; rows written straight into it so
// ten thousand images take seconds.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_BULK_IDS, MAX_QUERY_BULK } from '../../../shared/gallery-api'
import { openSqlite, type SqliteData } from '../../../server/db/sqlite'
import { Invalid } from '../../../server/errors'
import { createImageService, type ImageService } from '../../../server/images/service'
import { createLogger } from '../../../server/log'
import { createDiskStore } from '../../../server/storage/disk-store'
import { createImageStore } from '../../../server/storage/image-store'

const dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-query-bulk-'))
let data: SqliteData
let images: ImageService
const TOTAL = MAX_QUERY_BULK + 1

beforeAll(() => {
  const file = path.join(dir, 'darkroom.db')
  data = openSqlite(file)
  const raw = new Database(file)
  raw.pragma('busy_timeout = 10000')
  const job = raw.prepare(
    `insert into jobs (id, model, prompt, params, status, created_at, updated_at) values (?, 'z-image-turbo', ?, '{}', 'completed', ?, ?)`,
  )
  const image = raw.prepare(
    `insert into images (id, job_id, idx, file_name, thumb_name, mime_type, width, height, bytes, created_at, model, seq)
     values (?, ?, 0, 'f.png', 't.webp', 'image/png', 8, 8, 1, ?, 'z-image-turbo', ?)`,
  )
  raw.transaction(() => {
    for (let i = 1; i <= TOTAL; i++) {
      job.run(`j${i}`, `a lighthouse number ${i}`, i, i)
      image.run(`i${i}`, `j${i}`, i, i)
    }
  })()
  raw.close()
  images = createImageService(data, data.jobs, createImageStore(createDiskStore(dir)), { undoMs: 60_000, log: createLogger({ write: () => {} }) })
})

afterAll(async () => {
  await images?.close()
  await data?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('actions on a whole query, at the cap', () => {
  it('refuses a query matching more than the cap, naming q and the limit, and changes nothing', async () => {
    expect(await images.matching('')).toEqual({ count: MAX_QUERY_BULK + 1, overLimit: true, queryErrors: [] })
    const refused = images.bulkByQuery({ action: 'favourite', q: '' })
    await expect(refused).rejects.toBeInstanceOf(Invalid)
    await expect(refused).rejects.toMatchObject({ fields: { q: expect.stringMatching(/more than 10,000 images/) } })
    await expect(images.idsForQuery('lighthouse')).rejects.toBeInstanceOf(Invalid)
    expect(await images.matching('fav')).toMatchObject({ count: 0 })
  })

  it('runs a query at the cap in chunks, every match done; a delete returns every id for Undo', async () => {
    await images.bulk({ action: 'delete', ids: ['i1'] })
    expect(await images.matching('')).toMatchObject({ count: MAX_QUERY_BULK, overLimit: false })
    expect(await images.bulkByQuery({ action: 'rate', rating: 3, q: '' })).toMatchObject({ affected: MAX_QUERY_BULK })
    expect(await images.matching('rating:3')).toMatchObject({ count: MAX_QUERY_BULK })

    const deleted = await images.bulkByQuery({ action: 'delete', q: 'rating:3' })
    expect(deleted.affected).toBe(MAX_QUERY_BULK)
    expect(new Set(deleted.deletedIds).size).toBe(MAX_QUERY_BULK)
    expect(await images.matching('')).toMatchObject({ count: 0 })
    let restored = 0
    for (let i = 0; i < deleted.deletedIds.length; i += MAX_BULK_IDS)
      restored += (await images.bulk({ action: 'restore', ids: deleted.deletedIds.slice(i, i + MAX_BULK_IDS) })).affected
    expect(restored).toBe(MAX_QUERY_BULK)
    expect(await images.matching('rating:3')).toMatchObject({ count: MAX_QUERY_BULK })
  })
})
