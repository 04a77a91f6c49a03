// Acceptance: a 50-job batch through a gateway that fails a lot. Every job completes, the gateway's
// own counters show each submitted exactly once, and requests never came faster than the limit.
// The server runs as its own process, so the simulator's clock measures arrivals, not our event loop.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startSimulator } from '../../../server/simulator/serve'
import { TEST_KEY } from '../harness'
import { startServerProcess, TERMINAL, waitForJobs, type ServerProcess } from '../server-process'

const JOBS = 50
const MAX_RPS = 20
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-batch-'))
let server: ServerProcess | undefined
let sim: Awaited<ReturnType<typeof startSimulator>> | undefined

afterAll(async () => {
  await server?.kill('SIGTERM')
  await sim?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('a 50-job batch under 429s, 5xx, resets and malformed answers', () => {
  it('completes every job, submits each exactly once and keeps under the rate limit', async () => {
    sim = await startSimulator({ apiKey: TEST_KEY, port: 0, timing: { queuedMs: 150, processingMs: 250 } })
    const transient = { '429': 0.15, '429-retry-after': 0.15, '5xx': 0.1 }
    sim.control.setFaultRates({
      seed: 7,
      generate: transient,
      // Resets and malformed answers where retrying is safe: a status read costs nothing.
      status: { ...transient, reset: 0.03, malformed: 0.03 },
    })
    server = await startServerProcess({
      PIXAZO_API_KEY: TEST_KEY,
      PIXAZO_BASE_URL: sim.url,
      DATA_DIR: dataDir,
      PIXAZO_MAX_RPS: String(MAX_RPS),
      PIXAZO_MAX_IN_FLIGHT: '10',
    })
    const ids: string[] = []
    for (let i = 0; i < JOBS; i++) ids.push((await server.createJob('z-image-turbo', { prompt: `batch job ${i}`, image_size: 'square' })).id)
    const jobs = await waitForJobs(server, ids, (j) => TERMINAL.includes(j.status), 150_000)

    expect(jobs.filter((j) => j.status !== 'completed').map((j) => [j.status, j.error?.message])).toEqual([])
    const stats = sim.control.stats()
    expect(stats.acceptedSubmissions).toBe(JOBS)
    expect(Object.values(stats.submissionsByPrompt)).toEqual(Array(JOBS).fill(1))
    expect(stats.maxRequestsInAnyWindow(1000)).toBeLessThanOrEqual(MAX_RPS)
    // The faults really happened, on both routes.
    const injected = stats.faultsInjected
    for (const label of ['generate:429', 'generate:429-retry-after', 'status:429', 'status:reset', 'status:malformed']) {
      expect(injected[label] ?? 0, label).toBeGreaterThan(0)
    }
    expect(Object.keys(injected).some((k) => /^generate:50[023]$/.test(k))).toBe(true)
  }, 180_000)
})
