// Acceptance (issue 10): three Darkroom processes share one PostgreSQL database and one bucket, in front
// of the simulator with its rate limit on. Dozens of jobs are spread over them and one is `kill -9`ed
// while it holds jobs, then started again. Every job ends completed, or uncertain if it may have reached
// Pixazo; none is submitted twice; the gateway never had to refuse a request for rate; the in-flight cap
// held in total at the gateway; every image is readable through every instance; and a search on one
// instance finds what the others made. Leases: docs/decisions/025.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { imagePageSchema, type Job } from '../../../shared/api'
import { startSimulator, type RunningSimulator } from '../../../server/simulator/serve'
import { createDatabase } from '../../support/postgres'
import { TEST_KEY } from '../harness'
import { startServerProcess, TERMINAL, type ServerProcess } from '../server-process'
import { startS3rver, type S3rverHandle } from '../storage/s3rver'

const MAX_RPS = 8
const MAX_IN_FLIGHT = 6
/** Short, so the test does not wait 30 s for a dead instance's jobs; long enough for a busy machine's stalls. */
const LEASE_MS = 8000
const JOBS_PER_INSTANCE = 12
const NAMES = ['alpha', 'bravo', 'charlie'] as const
type Name = (typeof NAMES)[number]

const root = mkdtempSync(path.join(os.tmpdir(), 'darkroom-cluster-'))
let sim: RunningSimulator | undefined
let s3: S3rverHandle | undefined
let db: pg.Client | undefined
const instances = new Map<Name, ServerProcess>()

afterAll(async () => {
  await Promise.all([...instances.values()].map((p) => p.kill('SIGTERM')))
  await db?.end()
  await sim?.close()
  await s3?.close()
  rmSync(root, { recursive: true, force: true })
})

/** The id the instance logged at boot: the owner of the job leases it holds. */
const instanceIdOf = (p: ServerProcess) => /"msg":"instance","id":"([0-9a-f]+)"/.exec(p.output.join(''))?.[1]

async function jobsNow(ids: string[]): Promise<Job[]> {
  // Any instance answers for any job: read through whichever is up.
  const reader = instances.get('charlie')!
  return Promise.all(ids.map(async (id) => (await fetch(`${reader.url}/api/jobs/${id}`)).json() as Promise<Job>))
}

describe('three instances on one database and one bucket', () => {
  it('lose nothing, send nothing twice and keep the gateway limits in total when one is killed mid-run', { timeout: 420_000 }, async () => {
    const databaseUrl = await createDatabase()
    s3 = await startS3rver()
    sim = await startSimulator({ apiKey: TEST_KEY, port: 0, rateLimitPerSecond: MAX_RPS, timing: { queuedMs: 1000, processingMs: 1000 } })
    db = new pg.Client({ connectionString: databaseUrl })
    await db.connect()

    const boot = (name: Name) =>
      startServerProcess({
        PIXAZO_API_KEY: TEST_KEY,
        PIXAZO_BASE_URL: sim!.url,
        DATABASE_URL: databaseUrl,
        ...s3!.env('cluster'),
        DATA_DIR: path.join(root, name),
        PIXAZO_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT),
        PIXAZO_MAX_RPS: String(MAX_RPS),
        LEASE_MS: String(LEASE_MS),
      })
    // One first, so the migrations run once without racing the others' boots.
    instances.set('alpha', await boot('alpha'))
    const [bravo, charlie] = await Promise.all([boot('bravo'), boot('charlie')])
    instances.set('bravo', bravo)
    instances.set('charlie', charlie)

    // Spread over the instances, each prompt unique (the simulator counts submissions per prompt) and
    // naming the instance that took the request (the search below looks for it).
    const made = new Map<string, Name>()
    for (let i = 0; i < JOBS_PER_INSTANCE; i++) {
      for (const name of NAMES) {
        const job = await instances.get(name)!.createJob('z-image-turbo', { prompt: `cluster job ${i} asked of ${name}`, num_images: 1 })
        made.set(job.id, name)
      }
    }
    const ids = [...made.keys()]

    // Kill alpha while it holds jobs that are upstream or on their way there.
    const alphaId = instanceIdOf(instances.get('alpha')!)
    expect(alphaId).toMatch(/^[0-9a-f]{12}$/)
    await expect
      .poll(
        async () =>
          (
            await db!.query("select count(*)::int as n from jobs where lease_owner = $1 and status in ('submitting', 'queued', 'processing')", [
              alphaId,
            ])
          ).rows[0].n,
        { timeout: 120_000, interval: 50 },
      )
      .toBeGreaterThan(0)
    await instances.get('alpha')!.kill('SIGKILL')
    // What it held as it died: nobody may take those leases for LEASE_MS, so this read sees them as left.
    const held = (await db.query('select id, status from jobs where lease_owner = $1', [alphaId])).rows as { id: string; status: string }[]
    instances.set('alpha', await boot('alpha'))

    // Everything ends: its jobs are taken over once their leases run out, by whichever instance sweeps first.
    await expect
      .poll(async () => (await jobsNow(ids)).filter((j) => !TERMINAL.includes(j.status)).length, { timeout: 240_000, interval: 500 })
      .toBe(0)
    const jobs = await jobsNow(ids)
    const stats = sim.control.stats()

    // Completed, or uncertain: only a job caught mid-submit by the kill may be, and it is never resent.
    for (const job of jobs) expect(['completed', 'uncertain'], `${job.prompt}: ${job.error?.message}`).toContain(job.status)
    const uncertain = jobs.filter((j) => j.status === 'uncertain')
    for (const job of uncertain) expect(held.find((h) => h.id === job.id)?.status).toBe('submitting')
    expect(jobs.filter((j) => j.status === 'completed').length).toBeGreaterThanOrEqual(ids.length - held.length)
    // The gateway's own record: each job submitted at most once, each completed one exactly once.
    for (const job of jobs) expect(stats.submissionsByPrompt[job.prompt] ?? 0, job.prompt).toBeLessThanOrEqual(1)
    for (const job of jobs.filter((j) => j.status === 'completed')) expect(stats.submissionsByPrompt[job.prompt], job.prompt).toBe(1)
    expect(stats.acceptedSubmissions).toBeLessThanOrEqual(ids.length)

    // One rate limit and one in-flight cap across all three processes, as the gateway saw them.
    expect(stats.rateLimited).toBe(0)
    expect(stats.maxRequestsInAnyWindow(1000)).toBeLessThanOrEqual(MAX_RPS)
    expect(stats.maxJobsAtOnce).toBeGreaterThan(1)
    expect(stats.maxJobsAtOnce).toBeLessThanOrEqual(MAX_IN_FLIGHT)
    // No job holds a lease once it has settled.
    expect((await db.query('select count(*)::int as n from jobs where lease_owner is not null')).rows[0].n).toBe(0)

    // Every image, through every instance, byte for byte the same.
    const images = jobs.flatMap((j) => j.images)
    expect(images.length).toBe(jobs.filter((j) => j.status === 'completed').length)
    for (const image of images) {
      const bodies = await Promise.all(
        NAMES.map(async (name) => {
          const res = await fetch(`${instances.get(name)!.url}${image.url}`)
          expect(res.status, `${image.url} through ${name}`).toBe(200)
          return Buffer.from(await res.arrayBuffer())
        }),
      )
      expect(bodies.every((b) => b.length === image.bytes && b.equals(bodies[0]!))).toBe(true)
    }

    // A search on one instance finds what was asked of (and mostly made by) the others.
    for (const [asker, searcher] of [
      ['bravo', 'alpha'],
      ['charlie', 'bravo'],
      ['alpha', 'charlie'],
    ] as const) {
      const res = await fetch(`${instances.get(searcher)!.url}/api/images?q=${asker}`)
      expect(res.status).toBe(200)
      const found = imagePageSchema.parse(await res.json()).items.map((i) => i.id)
      const expected = jobs.filter((j) => made.get(j.id) === asker).flatMap((j) => j.images.map((i) => i.id))
      expect(found.sort()).toEqual(expected.sort())
    }
  })
})
