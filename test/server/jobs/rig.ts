// The runner with real parts — a SQLite file, an image store in a temp dir, the simulator over HTTP —
// on a clock the test moves. `tick` advances time in small steps and waits for each step the runner
// starts to finish, so deadlines, backoff and retries are checked without sleeping.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import type { writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { vi } from 'vitest'
import { openSqlite } from '../../../server/db/sqlite'
import type { RetryPolicy } from '../../../server/jobs/policy'
import { createJobRunner, type PollCadence } from '../../../server/jobs/runner'
import { createJobService } from '../../../server/jobs/service'
import { createLogger } from '../../../server/log'
import { createPixazoClient } from '../../../server/pixazo/client'
import { createGatewayLimit } from '../../../server/limits/gateway'
import { startSimulator } from '../../../server/simulator/serve'
import { createDiskStore } from '../../../server/storage/disk-store'
import { createImageStore } from '../../../server/storage/image-store'
import { manualClock } from '../manual-clock'

const KEY = 'pz-rig-key-4b7d1e9a'

export type RigOptions = {
  timing?: { queuedMs: number; processingMs: number }
  poll?: PollCadence
  retry?: RetryPolicy
  deadlineMs?: number
  maxInFlight?: number
  pokeGapMs?: number
  writeFile?: typeof writeFile
  extraOrigins?: string[]
}

export async function startRig(opts: RigOptions = {}) {
  const clock = manualClock()
  const dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-rig-'))
  const sim = await startSimulator({ apiKey: KEY, port: 0, timing: opts.timing ?? { queuedMs: 3000, processingMs: 2000 }, now: clock.now })
  const data = openSqlite(path.join(dir, 'darkroom.db'))
  const repo = data.jobs
  const store = createImageStore(createDiskStore(dir, { writeFile: opts.writeFile }))
  const dirs = { images: path.join(dir, 'images'), thumbs: path.join(dir, 'thumbs'), tmp: path.join(dir, 'tmp') }
  for (const folder of Object.values(dirs)) mkdirSync(folder, { recursive: true })
  const logs: string[] = []
  const pixazo = createPixazoClient({
    baseUrl: sim.url,
    apiKey: KEY,
    timeoutMs: 10_000,
    limiter: createGatewayLimit(data.limitStore, 100),
  })
  const makeRunner = () =>
    createJobRunner({
      repo,
      pixazo,
      log: createLogger({ write: (l) => logs.push(l) }),
      clock,
      // Full backoff, never a random shorter one: waits are exact.
      random: () => 1,
      poll: opts.poll ?? { firstMs: 1000, minMs: 1000, maxMs: 5000 },
      retry: opts.retry,
      deadlineMs: opts.deadlineMs,
      maxInFlight: opts.maxInFlight,
      pokeGapMs: opts.pokeGapMs,
      download: { store, allowedOrigins: new Set([pixazo.origin, ...(opts.extraOrigins ?? [])]), maxBytes: 40 * 1024 * 1024, timeoutMs: 10_000 },
    })
  let runner = makeRunner()
  let jobs = createJobService(repo, runner)

  /** Waits until no runner step is under way (each is a real HTTP call or file write). */
  const idle = () =>
    vi.waitFor(
      () => {
        if (runner.stepsUnderWay() > 0) throw new Error('runner still busy')
      },
      { timeout: 60_000, interval: 5 },
    )

  return {
    clock,
    sim,
    data,
    repo,
    store,
    get runner() {
      return runner
    },
    get jobs() {
      return jobs
    },
    /** Stops the runner as a shutdown would and starts a fresh one on the same database. */
    async restart() {
      await runner.stop()
      runner = makeRunner()
      jobs = createJobService(repo, runner)
      return runner.resume()
    },
    pixazo,
    logs,
    idle,
    /** Moves time on by `ms` in `stepMs` steps, letting each step the runner starts finish. */
    async tick(ms: number, stepMs = 250) {
      await idle()
      clock.advance(0) // whatever is due now goes first
      await idle()
      for (let t = 0; t < ms; t += stepMs) {
        clock.advance(Math.min(stepMs, ms - t))
        await idle()
      }
    },
    /** The store's folders in the temp DATA_DIR. */
    dirs,
    routeCount: (route: 'generate' | 'status' | 'media') => sim.control.stats().requestsByRoute[route] ?? 0,
    status: async (id: string) => (await repo.getJob(id))?.status,
    async close() {
      await runner.stop()
      await data.close()
      await sim.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export type Rig = Awaited<ReturnType<typeof startRig>>
