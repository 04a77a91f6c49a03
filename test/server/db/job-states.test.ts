// The job state machine at the storage layer: a move the table does not allow is refused and writes
// nothing; allowed moves are compare-and-set; old "failed + download" rows become download_failed.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../server/db/client'
import { createRepo, IllegalTransitionError } from '../../../server/db/repo'
import { JOB_STATUSES, TRANSITIONS } from '../../../shared/job-states'
import { oldMigrations } from './old-migrations'

const dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-states-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function freshRepo(name: string) {
  const db = openDatabase(path.join(dir, `${name}.db`))
  const repo = createRepo(db)
  const job = (id: string, status: (typeof JOB_STATUSES)[number]) =>
    repo.insertJob({ id, model: 'z-image-turbo', prompt: 'p', params: { prompt: 'p', num_images: 1 }, status, createdAt: 1, updatedAt: 1 })
  return { db, repo, job }
}

describe('transition()', () => {
  it('refuses a move the table does not allow, and writes nothing', () => {
    const { db, repo, job } = freshRepo('illegal')
    job('j1', 'completed')
    expect(() => repo.transition('j1', 'completed', 'queued', { errorMessage: 'should not be written' })).toThrow(IllegalTransitionError)
    expect(() => repo.transition('j1', ['waiting', 'cancelled'], 'submitting')).toThrow(/cancelled\b.*submitting|waiting\/cancelled to submitting/)
    expect(repo.getJob('j1')).toMatchObject({ status: 'completed', errorMessage: null, updatedAt: 1 })
    db.close()
  })

  it('moves a job only from the statuses named, once', () => {
    const { db, repo, job } = freshRepo('cas')
    job('j1', 'waiting')
    expect(repo.transition('j1', 'waiting', 'submitting')).toBe(true)
    expect(repo.transition('j1', 'waiting', 'submitting')).toBe(false)
    expect(repo.transition('j1', 'waiting', 'cancelled')).toBe(false)
    expect(repo.getJob('j1')?.status).toBe('submitting')
    expect(repo.transition('j1', ['submitting'], 'queued', { requestId: 'r1' })).toBe(true)
    expect(repo.getJob('j1')).toMatchObject({ status: 'queued', requestId: 'r1' })
    db.close()
  })

  it('stores and completes images only for a job that is downloading', () => {
    const { db, repo, job } = freshRepo('complete')
    job('j1', 'timed_out')
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
    expect(repo.completeJob('j1', [image], {})).toBe(false)
    expect(repo.imagesOfJobs(['j1'])).toEqual([])
    expect(repo.transition('j1', 'timed_out', 'queued')).toBe(true)
    expect(repo.transition('j1', 'queued', 'downloading')).toBe(true)
    expect(repo.completeJob('j1', [image], { finishedAt: 5 })).toBe(true)
    expect(repo.getJob('j1')).toMatchObject({ status: 'completed', finishedAt: 5 })
    expect(repo.imagesOfJobs(['j1'])).toHaveLength(1)
    db.close()
  })

  it('has a row for every status, and final statuses lead nowhere new', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...JOB_STATUSES].sort())
    for (const next of Object.values(TRANSITIONS)) for (const to of next) expect(JOB_STATUSES).toContain(to)
    expect(TRANSITIONS.failed).toEqual([])
    expect(TRANSITIONS.uncertain).toEqual([]) // never resent on our own
  })
})

describe('upgrading a database made before download_failed', () => {
  it('turns failed downloads into download_failed and leaves other failures alone; params read as objects', () => {
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

    const db = openDatabase(file)
    const repo = createRepo(db)
    expect(repo.getJob('dl')).toMatchObject({ status: 'download_failed', errorCode: 'download', params: { prompt: 'p', num_images: 2 } })
    expect(repo.getJob('refused')?.status).toBe('failed')
    expect(repo.getJob('done')?.status).toBe('completed')
    expect(repo.transition('dl', 'download_failed', 'downloading')).toBe(true)
    db.close()
  })
})
