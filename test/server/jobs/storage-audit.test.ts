// The files-vs-rows audit: a bounded share before the server listens, the rest a page at a time in
// the background, with the same outcome as a full check.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openSqlite, type SqliteData } from '../../../server/db/sqlite'
import type { JobStore } from '../../../server/db/stores'
import { startStorageAudit } from '../../../server/jobs/recovery'
import { createLogger } from '../../../server/log'
import { createDiskStore } from '../../../server/storage/disk-store'
import { createImageStore, type ImageStore } from '../../../server/storage/image-store'
import { manualClock } from '../manual-clock'

let dir: string
let data: SqliteData
let repo: JobStore
let store: ImageStore
const log = createLogger({ write: () => {} })
const file = (name: string) => path.join(dir, 'images', name)
const thumb = (name: string) => path.join(dir, 'thumbs', name)

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-audit-'))
  data = openSqlite(path.join(dir, 'darkroom.db'))
  repo = data.jobs
  store = createImageStore(createDiskStore(dir))
})
afterEach(async () => {
  await data.close()
  rmSync(dir, { recursive: true, force: true })
})

/** `count` completed jobs with one stored image each. */
async function seed(count: number) {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } })
    .png()
    .toBuffer()
  for (let i = 0; i < count; i++) {
    const id = `job${String(i).padStart(3, '0')}`
    await repo.insertJob({
      id,
      model: 'z-image-turbo',
      prompt: `p${i}`,
      params: { prompt: `p${i}` },
      seed: i,
      status: 'downloading',
      createdAt: i,
      updatedAt: i,
    })
    const stored = await store.save(`${id}-0`, png)
    await repo.completeJob(id, [{ id: `${id}-0`, jobId: id, index: 0, createdAt: i, ...stored }], {})
  }
}

/** Storage that takes 1 ms of `clock` a look: a page of 5 rows (two looks each) takes 10 ms. */
const slowStore = (clock: ReturnType<typeof manualClock>): ImageStore => ({
  ...store,
  exists: async (size, name) => {
    clock.advance(1)
    return store.exists(size, name)
  },
})

describe('storage audit', () => {
  it('checks a small gallery completely before the server listens', async () => {
    await seed(3)
    writeFileSync(path.join(path.join(dir, 'images'), 'stray.png'), 'x')
    writeFileSync(path.join(path.join(dir, 'tmp'), 'half.part'), 'x')
    rmSync(file('job001-0.png'))
    store = createImageStore(createDiskStore(dir)) // as at boot: a crash's partial writes go
    const redownloads: string[] = []
    const audit = startStorageAudit({ repo, store, log, onRedownload: (id) => redownloads.push(id) })
    await audit.ready
    expect(readdirSync(path.join(dir, 'tmp'))).toEqual([])
    expect(existsSync(path.join(path.join(dir, 'images'), 'stray.png'))).toBe(false)
    expect((await repo.getJob('job001'))?.status).toBe('downloading')
    expect(await repo.getImage('job001-0')).toBeUndefined()
    expect(existsSync(thumb('job001-0.webp'))).toBe(false)
    expect(await audit.done).toEqual({ orphanFiles: 1, missingOriginals: 1, rebuiltThumbs: 0 })
  })

  it('finishes a large gallery in the background, page by page, with the same outcome', async () => {
    await seed(40)
    rmSync(file('job035-0.png'))
    rmSync(thumb('job038-0.webp'))
    writeFileSync(path.join(path.join(dir, 'thumbs'), 'stray.webp'), 'x')
    const redownloads: string[] = []
    const audit = startStorageAudit({ repo, store, log, pageSize: 5, bootItems: 10, onRedownload: (id) => redownloads.push(id) })
    await audit.ready
    // Only the first pages ran: the rows near the end are not checked yet.
    expect((await repo.getJob('job035'))?.status).toBe('completed')
    // A download the runner starts now writes its files before its row exists: they are kept.
    await repo.insertJob({
      id: 'fresh',
      model: 'z-image-turbo',
      prompt: 'p',
      params: { prompt: 'p' },
      seed: 1,
      status: 'downloading',
      createdAt: 1,
      updatedAt: 1,
    })
    writeFileSync(file('fresh-0.png'), 'x')
    expect(await audit.done).toEqual({ orphanFiles: 1, missingOriginals: 1, rebuiltThumbs: 1 })
    expect(redownloads).toEqual(['job035'])
    expect((await repo.getJob('job035'))?.status).toBe('downloading')
    expect(existsSync(thumb('job038-0.webp'))).toBe(true)
    expect(existsSync(path.join(path.join(dir, 'thumbs'), 'stray.webp'))).toBe(false)
    expect(existsSync(file('fresh-0.png'))).toBe(true)
  })

  it('stops between pages when the server closes', async () => {
    await seed(30)
    rmSync(file('job029-0.png'))
    const audit = startStorageAudit({ repo, store, log, pageSize: 5, bootItems: 5, onRedownload: () => {} })
    await audit.ready
    await audit.stop()
    expect((await repo.getJob('job029'))?.status).toBe('completed')
  })

  it('rests four times as long as each page took once the server listens, and stops mid-rest', async () => {
    await seed(20)
    rmSync(file('job019-0.png'))
    const clock = manualClock()
    const audit = startStorageAudit({ repo, store: slowStore(clock), log, pageSize: 5, bootItems: 5, share: 0.2, clock, onRedownload: () => {} })
    await audit.ready
    await expect.poll(() => clock.pending()).toBe(1)
    clock.advance(39)
    expect(clock.pending()).toBe(1)
    clock.advance(1)
    await expect.poll(() => clock.pending()).toBe(1) // the next page ran and rests again
    expect((await repo.getJob('job019'))?.status).toBe('completed')
    await audit.stop() // does not wait out the rest
    expect(clock.pending()).toBe(0)
  })

  it('reaches every row when each rest is waited out', async () => {
    await seed(20)
    rmSync(file('job019-0.png'))
    const clock = manualClock()
    const redownloads: string[] = []
    const audit = startStorageAudit({
      repo,
      store: slowStore(clock),
      log,
      pageSize: 5,
      bootItems: 5,
      clock,
      onRedownload: (id) => redownloads.push(id),
    })
    let finished = false
    void audit.done.then(() => (finished = true))
    let rests = 0
    while (!finished) {
      await expect.poll(() => finished || clock.pending() === 1).toBe(true)
      if (clock.pending() === 1) {
        rests++
        clock.advance(40)
      }
    }
    expect(rests).toBeGreaterThanOrEqual(3)
    expect(redownloads).toEqual(['job019'])
  })
})
