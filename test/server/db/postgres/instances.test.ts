// The Postgres stores as several Darkroom instances see them: two Data objects (two pools) on one
// database. Claims and status moves happen once, seqs never collide, spend totals follow the rows,
// budget checks take turns, and transactions commit or undo as a whole.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPostgres } from '../../../../server/db/postgres'
import type { Data, NewJob } from '../../../../server/db/stores'
import { createDatabase } from '../../../support/postgres'

const MIGRATIONS = path.join(import.meta.dirname, '../../../../server/db/postgres/migrations')

let url: string
let a: Data
let b: Data
let probe: pg.Pool

beforeAll(async () => {
  url = await createDatabase()
  // Two instances booting at once: the migrations run once, under their advisory lock.
  ;[a, b] = await Promise.all([openPostgres(url), openPostgres(url)])
  probe = new pg.Pool({ connectionString: url, max: 2 })
})

afterAll(async () => {
  await Promise.all([a?.close(), b?.close(), probe?.end()])
})

let n = 0
const job = (patch: Partial<NewJob> = {}): NewJob => {
  const at = Date.parse('2026-12-01T10:00:00Z') + n++
  return {
    id: `j${n}-${Math.random().toString(36).slice(2, 8)}`,
    model: 'flux-schnell',
    prompt: 'a lighthouse',
    params: { prompt: 'a lighthouse', num_images: 2 },
    status: 'waiting',
    createdAt: at,
    updatedAt: at,
    ...patch,
  }
}
const image = (jobId: string, index: number) => ({
  id: `${jobId}-${index}`,
  jobId,
  index,
  fileName: `${jobId}-${index}.png`,
  thumbName: `${jobId}-${index}.webp`,
  mimeType: 'image/png',
  width: 64,
  height: 64,
  bytes: 10,
  createdAt: Date.now(),
})

describe('PostgreSQL stores shared by two instances', () => {
  it('claims each waiting job once, oldest first, never past the in-flight cap in total', async () => {
    const person = `claims-${Date.now()}`
    for (let i = 0; i < 20; i++) await a.jobs.insertJob(job({ createdBy: person }))
    const claims = await Promise.all([a, b, a, b, a, b].map((d) => d.jobs.claimDue(Date.now(), 8)))
    const ids = claims.flat().map((j) => j.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.length).toBe(8)
    expect(await b.jobs.countWithStatus(['submitting'])).toBe(8)
    for (const list of claims) expect(list.map((j) => j.createdAt)).toEqual(list.map((j) => j.createdAt).sort((x, y) => x - y))
    expect(claims.flat().every((j) => j.status === 'submitting')).toBe(true)
    // The oldest eight went first.
    const waiting = await a.jobs.waitingOrder()
    const claimedAt = claims.flat().map((j) => j.createdAt)
    const firstWaiting = (await a.jobs.getJob(waiting[0]!))!.createdAt
    expect(Math.max(...claimedAt)).toBeLessThan(firstWaiting)
    // Nothing more while the cap is full.
    expect(await b.jobs.claimDue(Date.now(), 8)).toEqual([])
    for (const id of ids) expect(await a.jobs.transition(id, 'submitting', 'failed')).toBe(true)
    for (const id of waiting) await a.jobs.transition(id, 'waiting', 'cancelled')
  })

  it('lets exactly one of many racing compare-and-sets move a job', async () => {
    const j = job()
    await a.jobs.insertJob(j)
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).jobs.transition(j.id, 'waiting', 'submitting', { attempts: i })),
    )
    expect(results.filter(Boolean)).toHaveLength(1)
    const stored = await b.jobs.getJob(j.id)
    expect(stored?.status).toBe('submitting')
    expect(stored?.attempts).toBe(results.indexOf(true))
    await expect(a.jobs.transition(j.id, 'completed', 'waiting')).rejects.toThrow(/cannot go from completed to waiting/)
  })

  it('gives images from both instances distinct seqs in arrival order, keeping a re-downloaded image’s seq', async () => {
    const jobs = Array.from({ length: 6 }, () => job({ status: 'downloading' }))
    for (const j of jobs) await a.jobs.insertJob(j)
    await Promise.all(jobs.map((j, i) => (i % 2 ? a : b).jobs.completeJob(j.id, [image(j.id, 0), image(j.id, 1)], { finishedAt: Date.now() })))
    const rows = await a.jobs.imagesOfJobs(jobs.map((j) => j.id))
    const seqs = rows.map((r) => r.seq)
    expect(new Set(seqs).size).toBe(12)
    // Completing again is refused (the job is no longer downloading) and stores nothing.
    expect(await b.jobs.completeJob(jobs[0]!.id, [image(jobs[0]!.id, 2)], {})).toBe(false)
    expect(await a.jobs.imagesOfJobs([jobs[0]!.id])).toHaveLength(2)
    // A re-download (same job and index) rewrites the row in place.
    const redo = job({ status: 'downloading' })
    await a.jobs.insertJob(redo)
    await a.jobs.completeJob(redo.id, [image(redo.id, 0)], {})
    const [before] = await a.jobs.imagesOfJobs([redo.id])
    await a.jobs.transition(redo.id, 'completed', 'downloading')
    await b.jobs.completeJob(redo.id, [{ ...image(redo.id, 0), bytes: 99 }], {})
    const [after] = await a.jobs.imagesOfJobs([redo.id])
    expect(after).toMatchObject({ seq: before!.seq, bytes: 99 })
  })

  it('keeps spend totals in step with jobs and comparison cells', async () => {
    const person = `spend-${Date.now()}`
    const day = '2026-12-01'
    const mine = async () => (await a.spend.totalsSince(day)).filter((r) => r.person === person).reduce((s, r) => s + r.images, 0)
    const waiting = job({ createdBy: person })
    await a.jobs.insertJob(waiting)
    expect(await mine()).toBe(2) // a job under way counts the images it asked for
    await b.jobs.transition(waiting.id, 'waiting', 'submitting')
    await b.jobs.transition(waiting.id, 'submitting', 'queued')
    await b.jobs.transition(waiting.id, 'queued', 'downloading')
    await a.jobs.completeJob(waiting.id, [image(waiting.id, 0)], {})
    expect(await mine()).toBe(1) // a completed job counts the images it made
    const refused = job({ createdBy: person })
    await a.jobs.insertJob(refused)
    await a.jobs.transition(refused.id, 'waiting', 'cancelled')
    expect(await mine()).toBe(1) // a cancelled job nothing
    const cmp = `cmp-${Date.now()}`
    await a.compare.insert({ id: cmp, title: 't', spec: '{}', createdAt: Date.parse('2026-12-01T11:00:00Z'), createdBy: person }, [
      { comparisonId: cmp, index: 0, x: 0, y: 0, z: 0, model: 'flux-schnell', params: '{"num_images":3}', na: '[]', pending: true },
      { comparisonId: cmp, index: 1, x: 1, y: 0, z: 0, model: 'flux-schnell', params: '{}', na: '[]', pending: true, sameAs: 0 },
    ])
    expect(await mine()).toBe(4) // a pending cell reserves its images; a repeated cell nothing
    expect(await b.compare.takePending(cmp, 0)).toBe(true)
    expect(await a.compare.takePending(cmp, 0)).toBe(false)
    expect(await mine()).toBe(1)
    const byModel = await b.spend.byDayAndModelSince(day)
    expect(byModel.find((r) => r.day === day && r.model === 'flux-schnell')?.images).toBeGreaterThanOrEqual(1)
  })

  it('runs budget checks one at a time across instances', async () => {
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const order: string[] = []
    const first = a.spend.exclusive(async () => {
      order.push('a in')
      await held
      order.push('a out')
    })
    await expect.poll(() => order).toEqual(['a in'])
    const second = b.spend.exclusive(async () => {
      order.push('b in')
    })
    // b's transaction is waiting for the advisory lock that a's holds.
    await expect
      .poll(async () => (await probe.query(`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`)).rows[0].n)
      .toBe(1)
    release()
    await Promise.all([first, second])
    expect(order).toEqual(['a in', 'a out', 'b in'])
  })

  it('commits a transaction as a whole, undoes a failed nested one alone, and a failed outer one entirely', async () => {
    const kept = job()
    const undoneInner = job()
    const undoneOuter = job()
    await a.transaction(async () => {
      await a.jobs.insertJob(kept)
      await expect(
        a.transaction(async () => {
          await a.jobs.insertJob(undoneInner)
          throw new Error('inner')
        }),
      ).rejects.toThrow('inner')
      // Not visible to the other instance before the commit.
      expect(await b.jobs.getJob(kept.id)).toBeUndefined()
    })
    expect(await b.jobs.getJob(kept.id)).toBeDefined()
    expect(await b.jobs.getJob(undoneInner.id)).toBeUndefined()
    await expect(
      a.transaction(async () => {
        await a.jobs.insertJob(undoneOuter)
        throw new Error('outer')
      }),
    ).rejects.toThrow('outer')
    expect(await b.jobs.getJob(undoneOuter.id)).toBeUndefined()
  })

  it('serialises transactions across instances, as SQLite does: a read-then-write is never interleaved', async () => {
    const person = `serial-${Date.now()}`
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => {
        const d = i % 2 ? a : b
        return d.transaction(async () => {
          const n = (await d.jobs.jobsWithStatus(['cancelled'])).filter((j) => j.createdBy === person).length
          // Two transactions reading the same n would insert the same id, and the second would fail.
          await d.jobs.insertJob(job({ id: `${person}-${n}`, createdBy: person, status: 'cancelled' }))
        })
      }),
    )
    const mine = (await a.jobs.jobsWithStatus(['cancelled'])).filter((j) => j.createdBy === person)
    expect(mine.map((j) => j.id).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `${person}-${i}`).sort())
  })

  it('answers ping, and has applied every migration once', async () => {
    await expect(a.ping()).resolves.toBeUndefined()
    const db = drizzle(probe)
    const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
    expect(rows[0]!.n).toBe(journal.entries.length)
  })
})
