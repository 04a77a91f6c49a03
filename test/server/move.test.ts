// `npm run move`: a one-machine install (SQLite + files) copied into PostgreSQL and an S3-compatible
// bucket, checked, resumed after damage, and then served by Darkroom from its new home.
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import type { Job } from '../../shared/api'
import type { GalleryPage } from '../../shared/gallery-api'
import { moveInstall } from '../../scripts/move/index'
import { MOVED_TABLES, TABLES_LEFT_BEHIND } from '../../scripts/move/rows'
import { createS3Store } from '../../server/storage/s3-store'
import { createDatabase } from '../support/postgres'
import { startStack, type Stack } from './harness'
import { startS3rver, type S3rverHandle } from './storage/s3rver'

let source: Stack
let s3: S3rverHandle
let databaseUrl: string
let made: Job[]

beforeAll(async () => {
  ;[s3, databaseUrl] = await Promise.all([startS3rver(), createDatabase()])
  source = await startStack()
  const jobs = await Promise.all([
    source.createJob('ernie-image-turbo', { prompt: 'a lighthouse at dusk', num_images: 2 }),
    source.createJob('z-image-turbo', { prompt: 'a red fox in snow' }),
  ])
  made = await Promise.all(jobs.map((j) => source.settle(j.id)))
  const page: GalleryPage = await (await source.api('/api/images?limit=10')).json()
  const keepers: { id: string } = await (await source.api('/api/collections', { method: 'POST', json: { name: 'Keepers' } })).json()
  await source.api('/api/images/bulk', { method: 'POST', json: { action: 'add-to-collection', ids: [page.items[0]!.id], collectionId: keepers.id } })
  // Tags, a rating and a paused queue move too.
  await source.api(`/api/images/${page.items[1]!.id}/tags`, { method: 'POST', json: { tags: ['hero', 'blue hour'] } })
  await source.api(`/api/images/${page.items[1]!.id}`, { method: 'PATCH', json: { rating: 4 } })
  await source.api('/api/queue', { method: 'PUT', json: { paused: true } })
  await source.darkroom.close() // the move refuses a running install
})

afterAll(async () => {
  await source?.close()
  await s3?.close()
})

const move = () => moveInstall({ dataDir: source.dataDir, databaseUrl, storage: s3.settings('darkroom') })

describe('npm run move', () => {
  it('copies every row and file, and the check agrees', async () => {
    expect(made.map((j) => j.status)).toEqual(['completed', 'completed'])
    const report = await move()
    expect(report.ok).toBe(true)
    const rows = Object.fromEntries(report.tables.map((t) => [t.table, t]))
    expect(rows.jobs).toMatchObject({ rows: 2, inserted: 2, destination: 2 })
    expect(rows.images).toMatchObject({ rows: 3, inserted: 3, destination: 3 })
    expect(rows.image_collections).toMatchObject({ rows: 1, destination: 1 })
    expect(rows.image_tags).toMatchObject({ rows: 2, inserted: 2, destination: 2 })
    expect(rows.queue_state).toMatchObject({ rows: 1, destination: 1 })
    expect(report.spendMismatch).toEqual([])
    // Three originals and three thumbnails.
    expect(report.blobs).toMatchObject({ objects: 6, copied: 6, missing: [], different: [] })
    // Ready to serve: planner statistics, and the visibility map that index-only scans need.
    const db = new pg.Client({ connectionString: databaseUrl })
    await db.connect()
    try {
      // Every page all-visible, even on this cluster, which runs with synchronous_commit off.
      const { rows } = await db.query<{ relname: string; analyzed: boolean; marked: boolean }>(
        `select s.relname, s.last_analyze is not null as analyzed, c.relallvisible = c.relpages as marked
           from pg_stat_user_tables s join pg_class c on c.oid = s.relid
          where s.relname in ('images', 'jobs', 'image_collections') order by s.relname`,
      )
      expect(rows).toEqual([
        { relname: 'image_collections', analyzed: true, marked: true },
        { relname: 'images', analyzed: true, marked: true },
        { relname: 'jobs', analyzed: true, marked: true },
      ])
    } finally {
      await db.end()
    }
  })

  it('run again, it copies nothing; after damage, it copies back only what is missing', async () => {
    const again = await move()
    expect(again.ok).toBe(true)
    expect(again.tables.every((t) => t.inserted === 0)).toBe(true)
    expect(again.blobs?.copied).toBe(0)

    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 })
    const { rows } = await pool.query<{ id: string; file_name: string }>(
      'delete from images where id = (select id from images order by seq limit 1) returning id, file_name',
    )
    await pool.end()
    const bucket = createS3Store(s3.settings('darkroom'))
    await bucket.delete(`images/${rows[0]!.file_name}`)
    bucket.close()

    const healed = await move()
    expect(healed.ok).toBe(true)
    expect(healed.tables.find((t) => t.table === 'images')).toMatchObject({ inserted: 1, destination: 3 })
    expect(healed.blobs?.copied).toBe(1)
  })

  it('moves every table of an install or says why it stays behind', () => {
    const db = new Database(path.join(source.dataDir, 'darkroom.db'), { readonly: true })
    try {
      const tables = db.prepare(`select name from sqlite_master where type = 'table' order by name`).pluck().all() as string[]
      const accounted = new Set<string>([...MOVED_TABLES, ...Object.keys(TABLES_LEFT_BEHIND)])
      expect(tables.filter((t) => !accounted.has(t))).toEqual([])
    } finally {
      db.close()
    }
  })

  it('refuses while Darkroom is running on the folder, naming it', async () => {
    const running = await startStack({ dataDir: source.dataDir })
    try {
      await expect(move()).rejects.toThrow(/process \d+/)
    } finally {
      await running.darkroom.close()
    }
  })

  it('Darkroom started on the new home shows the same gallery, files and search', async () => {
    const moved = await startStack({ dataDir: source.dataDir + '-moved', env: { DATABASE_URL: databaseUrl, ...s3.env('darkroom') } })
    try {
      const before: GalleryPage = await (await moved.api('/api/images?limit=10')).json()
      expect(before.items.map((i) => i.prompt).sort()).toEqual(['a lighthouse at dusk', 'a lighthouse at dusk', 'a red fox in snow'])
      const found: GalleryPage = await (await moved.api(`/api/images?q=${encodeURIComponent('fox')}`)).json()
      expect(found.items.map((i) => i.prompt)).toEqual(['a red fox in snow'])
      const file = await moved.api(`/api/images/${before.items[0]!.id}/file`)
      expect(file.status).toBe(200)
      expect(file.headers.get('content-type')).toMatch(/^image\//)
      // The tagged and rated image is found by its tag and its rating, and the queue is still paused.
      const tagged: GalleryPage = await (await moved.api(`/api/images?q=${encodeURIComponent('tag:"blue hour" rating:4')}`)).json()
      expect(tagged.items.map((i) => [i.id, i.rating])).toEqual([[before.items[1]!.id, 4]])
      expect(await (await moved.api(`/api/images/${before.items[1]!.id}`)).json()).toMatchObject({ tags: ['blue hour', 'hero'] })
      expect(await (await moved.api('/api/queue')).json()).toMatchObject({ paused: true })
      await moved.api('/api/queue', { method: 'PUT', json: { paused: false } })
      // New work carries on after the moved seqs.
      const next = await moved.settle((await moved.createJob('z-image-turbo', { prompt: 'a moved kettle' })).id)
      expect(next.status).toBe('completed')
      const after: GalleryPage = await (await moved.api('/api/images?limit=1')).json()
      expect(after.items[0]!.prompt).toBe('a moved kettle')
    } finally {
      await moved.close()
    }
  })
})
