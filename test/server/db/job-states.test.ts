// The job state machine at the storage layer: a move the table does not allow is refused and writes
// nothing; allowed moves are compare-and-set; old "failed + download" rows become download_failed.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { afterAll, describe, expect, it } from 'vitest'
import { IllegalTransitionError } from '../../../server/db/job-moves'
import { openSqlite } from '../../../server/db/sqlite'
import { JOB_STATUSES, TRANSITIONS } from '../../../shared/job-states'
import { oldMigrations } from './old-migrations'

const dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-states-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function freshRepo(name: string) {
  const db = openSqlite(path.join(dir, `${name}.db`))
  const repo = db.jobs
  const job = (id: string, status: (typeof JOB_STATUSES)[number]) =>
    repo.insertJob({ id, model: 'z-image-turbo', prompt: 'p', params: { prompt: 'p', num_images: 1 }, status, createdAt: 1, updatedAt: 1 })
  return { db, repo, job }
}

describe('transition()', () => {
  it('refuses a move the table does not allow, and writes nothing', async () => {
    const { db, repo, job } = freshRepo('illegal')
    await job('j1', 'completed')
    await expect(repo.transition('j1', 'completed', 'queued', { errorMessage: 'should not be written' })).rejects.toThrow(IllegalTransitionError)
    await expect(repo.transition('j1', ['waiting', 'cancelled'], 'submitting')).rejects.toThrow(
      /cancelled\b.*submitting|waiting\/cancelled to submitting/,
    )
    expect(await repo.getJob('j1')).toMatchObject({ status: 'completed', errorMessage: null, updatedAt: 1 })
    await db.close()
  })

  it('moves a job only from the statuses named, once', async () => {
    const { db, repo, job } = freshRepo('cas')
    await job('j1', 'waiting')
    expect(await repo.transition('j1', 'waiting', 'submitting')).toBe(true)
    expect(await repo.transition('j1', 'waiting', 'submitting')).toBe(false)
    expect(await repo.transition('j1', 'waiting', 'cancelled')).toBe(false)
    expect((await repo.getJob('j1'))?.status).toBe('submitting')
    expect(await repo.transition('j1', ['submitting'], 'queued', { requestId: 'r1' })).toBe(true)
    expect(await repo.getJob('j1')).toMatchObject({ status: 'queued', requestId: 'r1' })
    await db.close()
  })

  it('stores and completes images only for a job that is downloading', async () => {
    const { db, repo, job } = freshRepo('complete')
    await job('j1', 'timed_out')
    const image = {
      id: 'j1-0',
      jobId: 'j1',
      index: 0,
      fileName: 'f.png',
      thumbName: 't.webp',
      mimeType: 'image/png',
      width: 1,
      height: 1,
      bytes: 1,
      createdAt: 1,
    }
    expect(await repo.completeJob('j1', [image], {})).toBe(false)
    expect(await repo.imagesOfJobs(['j1'])).toEqual([])
    expect(await repo.transition('j1', 'timed_out', 'queued')).toBe(true)
    expect(await repo.transition('j1', 'queued', 'downloading')).toBe(true)
    expect(await repo.completeJob('j1', [image], { finishedAt: 5 })).toBe(true)
    expect(await repo.getJob('j1')).toMatchObject({ status: 'completed', finishedAt: 5 })
    expect(await repo.imagesOfJobs(['j1'])).toHaveLength(1)
    await db.close()
  })

  it('has a row for every status, and final statuses lead nowhere new', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...JOB_STATUSES].sort())
    for (const next of Object.values(TRANSITIONS)) for (const to of next) expect(JOB_STATUSES).toContain(to)
    expect(TRANSITIONS.failed).toEqual([])
    expect(TRANSITIONS.uncertain).toEqual([]) // never resent on our own
  })
})

describe('upgrading a database made before download_failed', () => {
  it('turns failed downloads into download_failed and leaves other failures alone; params read as objects', async () => {
    const file = path.join(dir, 'old.db')
    const sqlite = new Database(file)
    migrate(drizzle(sqlite), { migrationsFolder: oldMigrations(dir, 6) })
    const insert = sqlite.prepare(
      `insert into jobs (id, model, prompt, params, status, error_code, created_at, updated_at) values (?, 'z-image-turbo', 'p', ?, ?, ?, 1, 1)`,
    )
    insert.run('dl', JSON.stringify({ prompt: 'p', num_images: 2 }), 'failed', 'download')
    insert.run('refused', JSON.stringify({ prompt: 'p' }), 'failed', 'FAILED')
    insert.run('done', JSON.stringify({ prompt: 'p' }), 'completed', null)
    sqlite.close()

    const db = openSqlite(file)
    const repo = db.jobs
    expect(await repo.getJob('dl')).toMatchObject({ status: 'download_failed', errorCode: 'download', params: { prompt: 'p', num_images: 2 } })
    expect((await repo.getJob('refused'))?.status).toBe('failed')
    expect((await repo.getJob('done'))?.status).toBe('completed')
    expect(await repo.transition('dl', 'download_failed', 'downloading')).toBe(true)
    await db.close()
  })
})
