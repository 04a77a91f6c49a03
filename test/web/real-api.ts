// Component tests talk to the real server: Darkroom on a throwaway DATA_DIR, with the simulator
// as its gateway, and a fetch for jsdom that hands every /api/... request to the Hono app itself.
// One server per test file (start it in beforeAll); seed it through the same API the browser uses.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { vi } from 'vitest'
import type { Image, Job } from '../../shared/api'
import { startDarkroom, type Darkroom } from '../../server/darkroom'
import { parseEnv } from '../../server/env'
import { createLogger } from '../../server/log'
import { FAST_POLL, FAST_RETRY, FAST_TIMING, pausableClock, TEST_KEY } from '../server/harness'
import { startSimulator } from '../../server/simulator/serve'

export type RecordedRequest = { method: string; path: string; search: URLSearchParams; body: unknown }

type Options = {
  /** Demo mode: no key, the built-in simulator (whose clock the test cannot hold). */
  demo?: boolean
  env?: Record<string, string>
}

/**
 * Waits until `done` resolves true, checking on the real setTimeout. For tests that fake the
 * browser's intervals: `vi.waitFor` and `expect.poll` move fake timers on while they wait, which
 * would make the page poll when the test did not say a second had passed.
 */
export async function untilServer(done: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`the server did not get there in ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 30))
  }
}

export async function startRealApi(options: Options = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-web-'))
  // In live mode the gateway is a simulator the test steers: its clock can stand still (jobs stay QUEUED).
  const clock = pausableClock()
  const sim = options.demo ? null : await startSimulator({ apiKey: TEST_KEY, port: 0, timing: FAST_TIMING, now: clock.now })
  const key = sim ? { PIXAZO_API_KEY: TEST_KEY, PIXAZO_BASE_URL: sim.url } : {}
  const env = parseEnv({ ...key, DATA_DIR: dataDir, PORT: '0', PIXAZO_MAX_RPS: '50', SUBMITS_PER_MINUTE: '10000', ...options.env })
  const darkroom: Darkroom = await startDarkroom({
    env,
    poll: FAST_POLL,
    retry: FAST_RETRY,
    demoTiming: FAST_TIMING,
    log: createLogger({ write: () => {} }),
  })
  const requests: RecordedRequest[] = []

  /** The app's answer to one request, as the browser would get it (no socket, same routes and middleware). */
  async function call(pathname: string, init: { method?: string; json?: unknown } = {}): Promise<Response> {
    const body = init.json === undefined ? undefined : JSON.stringify(init.json)
    return darkroom.app.request(pathname, { method: init.method ?? 'GET', body, headers: body ? { 'Content-Type': 'application/json' } : undefined })
  }

  async function json<T>(pathname: string, init: { method?: string; json?: unknown } = {}): Promise<T> {
    const res = await call(pathname, init)
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${pathname} answered ${res.status}: ${await res.text()}`)
    return res.json() as Promise<T>
  }

  /** Waits until the job has left the active states, reading it the way a client would. */
  async function settle(id: string, timeoutMs = 90_000): Promise<Job> {
    let job: Job | undefined
    await vi.waitFor(
      async () => {
        job = await json<Job>(`/api/jobs/${id}`)
        if (['waiting', 'submitting', 'queued', 'processing', 'downloading'].includes(job.status)) throw new Error(`job ${id} still ${job.status}`)
      },
      { timeout: timeoutMs, interval: 30 },
    )
    return job!
  }

  return {
    sim,
    clock,
    requests,
    call,
    json,
    settle,
    /** Creates a job through POST /api/jobs and returns it once it has finished. */
    async generate(model: string, params: Record<string, unknown>): Promise<Job> {
      const job = await json<Job>('/api/jobs', { method: 'POST', json: { model, params } })
      return settle(job.id)
    },
    /** Makes one completed job per prompt and returns their images, newest first (as the gallery shows them). */
    async seedImages(model: string, prompts: string[], params: Record<string, unknown> = {}): Promise<Image[]> {
      const images: Image[] = []
      for (const prompt of prompts) {
        const job = await this.generate(model, { prompt, ...params })
        if (job.status !== 'completed') throw new Error(`seed job "${prompt}" ended ${job.status}: ${job.error?.message}`)
        images.push(...job.images)
      }
      return images.reverse()
    },
    /**
     * Replaces fetch for one test: the browser's requests go to the real app and are recorded.
     * `answer` may stand in for the server on a request it cannot be made to refuse that way.
     */
    connect(answer?: (request: RecordedRequest) => Response | undefined) {
      requests.length = 0
      // The server's own calls (to the gateway, to media URLs) share this global and keep the real fetch.
      const network = globalThis.fetch
      const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost')
        if (url.origin !== 'http://localhost') return network(input, init)
        const method = (init?.method ?? 'GET').toUpperCase()
        const body = typeof init?.body === 'string' ? init.body : undefined
        const recorded = { method, path: url.pathname, search: url.searchParams, body: body === undefined ? undefined : JSON.parse(body) }
        requests.push(recorded)
        const standIn = answer?.(recorded)
        if (standIn) return standIn
        // jsdom's AbortSignal is not Node's, so the browser's signal is not passed on.
        return darkroom.app.request(url.pathname + url.search, { method, body, headers: new Headers(init?.headers as HeadersInit | undefined) })
      })
      vi.stubGlobal('fetch', fetch)
    },
    /** Requests matching a method and a path (exact, or a RegExp). */
    calls(method: string, pathname: string | RegExp) {
      return requests.filter((r) => r.method === method && (typeof pathname === 'string' ? r.path === pathname : pathname.test(r.path)))
    },
    async close() {
      await darkroom.close()
      await sim?.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export type RealApi = Awaited<ReturnType<typeof startRealApi>>
