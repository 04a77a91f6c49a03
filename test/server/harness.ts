// Starts the real server against the real simulator over HTTP, with a throwaway DATA_DIR.
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { Job } from '../../shared/api'
import { isActive } from '../../shared/job-states'
import { startDarkroom, type Darkroom } from '../../server/darkroom'
import { parseEnv } from '../../server/env'
import type { RetryPolicy } from '../../server/jobs/policy'
import type { PollCadence } from '../../server/jobs/runner'
import { createLogger } from '../../server/log'
import { startSimulator } from '../../server/simulator/serve'

export const TEST_KEY = 'pz-test-key-7f3a9c1e5b'
export const FAST_POLL = { firstMs: 30, minMs: 30, maxMs: 120 }
export const FAST_TIMING = { queuedMs: 60, processingMs: 120 }
export const FAST_RETRY = { baseMs: 10, capMs: 80, submitAttempts: 4, pollFailures: 6, downloadAttempts: 3 }

export type StackOptions = {
  dataDir?: string
  simulator?: Awaited<ReturnType<typeof startSimulator>>
  /** Extra settings, as environment variables (e.g. PIXAZO_MAX_IN_FLIGHT). */
  env?: Record<string, string>
  poll?: PollCadence
  retry?: RetryPolicy
}

/**
 * A clock for the simulator that can stand still: while held, upstream jobs stay QUEUED however
 * long the machine takes, so a test can look at a state without racing the gateway's timing.
 */
export function pausableClock() {
  let held: number | null = null
  let ahead = 0
  return {
    now: () => held ?? Date.now() + ahead,
    hold() {
      held = Date.now() + ahead
    },
    /** Lets time run again from where it stopped, `skipMs` later. */
    release(skipMs = 0) {
      if (held === null) return
      ahead = held + skipMs - Date.now()
      held = null
    },
  }
}

/** A simulator whose clock starts held (see pausableClock). */
export async function heldSimulator() {
  const clock = pausableClock()
  clock.hold()
  const sim = await startSimulator({ apiKey: TEST_KEY, port: 0, timing: FAST_TIMING, now: clock.now })
  return { sim, clock }
}

/** A port that was free a moment ago, for servers whose own URL must be known before they start. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  await new Promise((r) => server.close(r))
  return port
}

export async function startStack(opts: StackOptions = {}) {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'darkroom-test-'))
  const sim = opts.simulator ?? (await startSimulator({ apiKey: TEST_KEY, port: 0, timing: FAST_TIMING }))
  const logs: string[] = []
  const env = parseEnv({
    PIXAZO_API_KEY: TEST_KEY,
    PIXAZO_BASE_URL: sim.url,
    DATA_DIR: dataDir,
    PORT: '0',
    PIXAZO_MAX_RPS: '50',
    DELETE_UNDO_SECONDS: '1',
    SUBMITS_PER_MINUTE: '10000',
    ...opts.env,
  })
  let darkroom: Darkroom = await boot()
  const responses: string[] = []

  function boot() {
    return startDarkroom({ env, poll: opts.poll ?? FAST_POLL, retry: opts.retry ?? FAST_RETRY, log: createLogger({ write: (l) => logs.push(l) }) })
  }

  async function api(pathname: string, init?: RequestInit & { json?: unknown }) {
    const res = await fetch(darkroom.url + pathname, {
      ...init,
      headers: init?.json !== undefined ? { 'Content-Type': 'application/json' } : init?.headers,
      body: init?.json !== undefined ? JSON.stringify(init.json) : init?.body,
    })
    const text = res.headers.get('content-type')?.startsWith('image/') ? '' : await res.clone().text()
    responses.push(text)
    return res
  }

  async function createJob(model: string, params: Record<string, unknown>): Promise<Job> {
    const res = await api('/api/jobs', { method: 'POST', json: { model, params } })
    if (res.status !== 201) throw new Error(`POST /api/jobs answered ${res.status}: ${await res.text()}`)
    return res.json()
  }

  /** Reads the job the way a client would until `done` holds for it. */
  async function waitFor(id: string, done: (job: Job) => boolean, timeoutMs = 90_000): Promise<Job> {
    const until = Date.now() + timeoutMs
    for (;;) {
      const job: Job = await (await api(`/api/jobs/${id}`)).json()
      if (done(job)) return job
      if (Date.now() > until) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`)
      await new Promise((r) => setTimeout(r, 25))
    }
  }

  /** Waits until the job leaves the active states. */
  const settle = (id: string, timeoutMs = 90_000) => waitFor(id, (job) => !isActive(job.status), timeoutMs)

  return {
    sim,
    dataDir,
    logs,
    responses,
    api,
    createJob,
    waitFor,
    settle,
    get darkroom() {
      return darkroom
    },
    async restart() {
      await darkroom.close()
      darkroom = await boot()
    },
    async close({ keepData = false } = {}) {
      await darkroom.close()
      await sim.close().catch(() => {})
      if (!keepData) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export type Stack = Awaited<ReturnType<typeof startStack>>
