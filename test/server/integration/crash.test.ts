// Acceptance: SIGKILL at several points of a batch — before submit, between submit and record, while
// polling, mid-download — then restart. Every job ends completed or "submission uncertain", none is
// submitted twice, every completed job's files are on disk and match the database, no stray files.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Job } from '../../../shared/api'
import { startSimulator } from '../../../server/simulator/serve'
import { TEST_KEY } from '../harness'
import { startServerProcess, TERMINAL, waitForJobs, type ServerProcess } from '../server-process'

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-crash-'))
let sim: Awaited<ReturnType<typeof startSimulator>>
let server: ServerProcess | undefined

afterAll(async () => {
  await server?.kill('SIGTERM')
  await sim?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const boot = () =>
  startServerProcess({ PIXAZO_API_KEY: TEST_KEY, PIXAZO_BASE_URL: sim.url, DATA_DIR: dataDir, PIXAZO_MAX_IN_FLIGHT: '2', PIXAZO_MAX_RPS: '20' })
const files = (sub: string) => readdirSync(path.join(dataDir, sub)).sort()

describe('hard kills at every point of a batch', () => {
  it('loses nothing and spends nothing twice', async () => {
    sim = await startSimulator({ apiKey: TEST_KEY, port: 0, timing: { queuedMs: 3000, processingMs: 200 } })
    // The first submit is taken (and charged) upstream but its answer never comes back.
    sim.control.failNext('generate', { kind: 'accept-then-hang' })

    server = await boot()
    const ids: string[] = []
    for (let i = 0; i < 6; i++) ids.push((await server.createJob('ernie-image-turbo', { prompt: `crash batch ${i}` })).id)
    // Job 0 hangs mid-submit, job 1 is queued upstream, jobs 2–5 wait for a slot in Darkroom's queue.
    let jobs = await waitForJobs(server, ids.slice(0, 2), (j) => (j.prompt.endsWith(' 0') ? true : j.status === 'queued'))
    while (sim.control.stats().acceptedSubmissions < 2) await new Promise((r) => setTimeout(r, 20))
    jobs = await Promise.all(ids.map((id) => server!.job(id)))
    expect(jobs.map((j) => (j.status === 'processing' ? 'queued' : j.status))).toEqual([
      'submitting',
      'queued',
      'waiting',
      'waiting',
      'waiting',
      'waiting',
    ])
    await server.kill() // between submit and record (0), while polling (1), before submit (2–5)

    // Downloads now stall, so the next kill lands mid-download.
    sim.control.failNext('media', { kind: 'slow', delayMs: 4000, times: 2 })
    server = await boot()
    await waitForJobs(server, ids.slice(1, 2), (j) => j.status === 'downloading')
    await server.kill() // mid-download

    server = await boot()
    jobs = await waitForJobs(server, ids, (j) => TERMINAL.includes(j.status), 60_000)
    // Job 0 was cut off mid-submit, job 1 mid-download. The second kill may also catch one of jobs 2–5
    // mid-submit: that one is rightly "uncertain" too, never resent.
    expect(jobs[0]!.status).toBe('uncertain')
    expect(jobs[0]!.error?.action).toMatch(/Pixazo dashboard/)
    expect(jobs[1]!.status).toBe('completed')
    expect(jobs.every((j) => j.status === 'completed' || j.status === 'uncertain')).toBe(true)
    const completed = jobs.filter((j) => j.status === 'completed')
    expect(completed.length).toBeGreaterThanOrEqual(4)

    // The gateway's own counters: nobody was submitted twice, and every completed job exactly once.
    const stats = sim.control.stats()
    expect(Object.values(stats.submissionsByPrompt).every((n) => n === 1)).toBe(true)
    for (const job of completed) expect(stats.submissionsByPrompt[job.prompt]).toBe(1)

    // Disk and database agree, and nothing half-written is left.
    const stored = jobs.flatMap((j: Job) => j.images.map((i) => i.id)).sort()
    expect(stored).toHaveLength(completed.length)
    expect(files('images').map((f) => f.replace(/\.\w+$/, ''))).toEqual(stored)
    expect(files('thumbs').map((f) => f.replace(/\.\w+$/, ''))).toEqual(stored)
    expect(files('tmp')).toEqual([])
    for (const job of jobs.filter((j) => j.status === 'completed')) {
      const res = await fetch(`${server.url}${job.images[0]!.url}`)
      expect(Number(res.headers.get('content-length'))).toBe(job.images[0]!.bytes)
    }
  }, 120_000)
})
