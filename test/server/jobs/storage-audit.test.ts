// The files-vs-rows audit: a bounded share before the server listens, the rest a page at a time in
// the background, with the same outcome as a full check.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../server/db/client'
import { createRepo, type Repo } from '../../../server/db/repo'
import { startStorageAudit } from '../../../server/jobs/recovery'
import { createLogger } from '../../../server/log'
import { createDiskStore } from '../../../server/storage/disk-store'
import { createImageStore, type ImageStore } from '../../../server/storage/image-store'

let dir: string
let db: Db
let repo: Repo
let store: ImageStore
const log = createLogger({ write: () => {} })
const file = (name: string) => path.join(dir, 'images', name)
const thumb = (name: string) => path.join(dir, 'thumbs', name)

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-audit-'))
  db = openDatabase(path.join(dir, 'darkroom.db'))
  repo = createRepo(db)
  store = createImageStore(createDiskStore(dir))
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

/** `count` completed jobs with one stored image each. */
async function seed(count: number) {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } })
    .png()
    .toBuffer()
  for (let i = 0; i < count; i++) {
    const id = `job${String(i).padStart(3, '0')}`
    repo.insertJob({
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
    repo.completeJob(id, [{ id: `${id}-0`, jobId: id, index: 0, createdAt: i, ...stored }], {})
  }
}

describe('storage audit', () => {
  it('checks a small gallery completely before the server listens', async () => {
    await seed(3)
    writeFileSync(path.join(path.join(dir, 'images'), 'stray.png'), 'x')
    writeFileSync(path.join(path.join(dir, 'tmp'), 'half.part'), 'x')
    rmSync(file('job001-0.png'))
    store = createImageStore(createDiskStore(dir)) // as at boot: a crash's partial writes go
    const redownloads: string[] = []
    const audit = startStorageAudit({ db, repo, store, log, onRedownload: (id) => redownloads.push(id) })
    await audit.ready
    expect(readdirSync(path.join(dir, 'tmp'))).toEqual([])
    expect(existsSync(path.join(path.join(dir, 'images'), 'stray.png'))).toBe(false)
    expect(repo.getJob('job001')?.status).toBe('downloading')
    expect(repo.getImage('job001-0')).toBeUndefined()
    expect(existsSync(thumb('job001-0.webp'))).toBe(false)
    expect(await audit.done).toEqual({ orphanFiles: 1, missingOriginals: 1, rebuiltThumbs: 0 })
  })

  it('finishes a large gallery in the background, page by page, with the same outcome', async () => {
    await seed(40)
    rmSync(file('job035-0.png'))
    rmSync(thumb('job038-0.webp'))
    writeFileSync(path.join(path.join(dir, 'thumbs'), 'stray.webp'), 'x')
    const redownloads: string[] = []
    const audit = startStorageAudit({ db, repo, store, log, pageSize: 5, bootItems: 10, onRedownload: (id) => redownloads.push(id) })
    await audit.ready
    // Only the first pages ran: the rows near the end are not checked yet.
    expect(repo.getJob('job035')?.status).toBe('completed')
    // A download the runner starts now writes its files before its row exists: they are kept.
    repo.insertJob({
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
    expect(repo.getJob('job035')?.status).toBe('downloading')
    expect(existsSync(thumb('job038-0.webp'))).toBe(true)
    expect(existsSync(path.join(path.join(dir, 'thumbs'), 'stray.webp'))).toBe(false)
    expect(existsSync(file('fresh-0.png'))).toBe(true)
  })

  it('stops between pages when the server closes', async () => {
    await seed(30)
    rmSync(file('job029-0.png'))
    const audit = startStorageAudit({ db, repo, store, log, pageSize: 5, bootItems: 5, onRedownload: () => {} })
    await audit.ready
    await audit.stop()
    expect(repo.getJob('job029')?.status).toBe('completed')
  })
})
