// Completion → visible: how long after the gateway finishes a job its image is on screen in Chromium,
// with polling and with webhooks, against the simulator as its own process with a real 5 req/s limit.
// Darkroom runs as its own process too; a counting proxy (a third process) between them records polls and 429s.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createInterface } from 'node:readline'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from '@playwright/test'
import { build } from 'vite'
import { startCountingProxy, type GatewayLog } from './latency-proxy'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const KEY = 'bench-latency-key'
const RPS = 5

type Proc = { child: ChildProcess; url: string }
type Server = Proc & { committedAt: Map<string, number> }

async function waitUp(url: string, child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited ${child.exitCode}`)
    if (
      await fetch(url).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url} did not come up`)
}

async function startSim(port: number, durationMs: number): Promise<Proc> {
  const queued = Math.round(durationMs * 0.2)
  const args = [
    '--import',
    'tsx',
    'server/simulator/cli.ts',
    '--port',
    String(port),
    '--key',
    KEY,
    '--queued-ms',
    String(queued),
    '--processing-ms',
    String(durationMs - queued),
    '--rate-limit',
    String(RPS),
  ]
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' })
  await waitUp(`http://127.0.0.1:${port}/media/none/x`, child)
  return { child, url: `http://127.0.0.1:${port}` }
}

async function startServer(port: number, gateway: string, dataDir: string, webhooks: boolean): Promise<Server> {
  const url = `http://127.0.0.1:${port}`
  const env = {
    ...process.env,
    PIXAZO_API_KEY: KEY,
    PIXAZO_BASE_URL: gateway,
    PIXAZO_MAX_RPS: String(RPS),
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SUBMITS_PER_MINUTE: '1000',
    PIXAZO_MAX_IN_FLIGHT: '20',
    ...(webhooks ? { PUBLIC_URL: url } : {}),
    LOG_FORMAT: 'json',
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'ignore'] })
  // "job completed" is logged once the images are stored and the job committed and announced.
  const committedAt = new Map<string, number>()
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const entry = JSON.parse(line) as { msg?: string; job?: string; time?: string }
      if (entry.msg === 'job completed' && entry.job && entry.time) committedAt.set(entry.job, Date.parse(entry.time))
    } catch {
      // not a log line
    }
  })
  await waitUp(`${url}/api/health`, child)
  return { child, url, committedAt }
}

const stop = async (p: Proc | null) => {
  if (!p || p.child.exitCode !== null) return
  const gone = new Promise((r) => p.child.once('exit', r))
  p.child.kill('SIGTERM')
  await gone
}

const freePort = (() => {
  let next = 9350 + Math.floor(Math.random() * 400)
  return () => next++
})()

/** Resolves with the wall-clock time the image for `prompt` is loaded and on screen. */
const visibleAt = (page: Page, prompt: string) =>
  page
    .waitForFunction(
      (alt) => {
        const img = [...document.querySelectorAll('img')].find((i) => i.alt === alt && i.complete && i.naturalWidth > 0)
        return img ? Date.now() : null
      },
      prompt,
      { polling: 'raf', timeout: 60_000 },
    )
    .then((h) => h.jsonValue() as Promise<number>)

const listJobs = async (server: string) =>
  ((await (await fetch(`${server}/api/jobs?limit=200`)).json()) as { items: { id: string; prompt: string }[] }).items

const submit = (server: string, prompt: string) =>
  fetch(`${server}/api/jobs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'z-image-turbo', params: { prompt, image_size: 'square' } }),
  }).then((r) => {
    if (r.status !== 201) throw new Error(`submit answered ${r.status}`)
  })

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]!) : null
}
const summary = (lags: number[]) => ({
  n: lags.length,
  p50_ms: pct(lags, 0.5),
  p90_ms: pct(lags, 0.9),
  max_ms: lags.length ? Math.round(Math.max(...lags)) : null,
})

type Scenario = { name: string; webhooks: boolean; batches: { durationMs: number; jobs: number }[] }

/** Where one job's completion → visible went, in consecutive steps that add up to the whole. */
const STEPS = ['seen_by_server', 'download', 'store_commit_notify', 'to_browser', 'on_screen'] as const
type Steps = Record<(typeof STEPS)[number], number>

async function runScenario(sc: Scenario, page: Page, statusRequests: { at: number }[], answeredAt: Map<string, number>) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-bench-latency-'))
  const simPort = freePort()
  let sim: Proc | null = null
  let proxy: GatewayLog | null = null
  let server: Server | null = null
  const lags: number[] = []
  const steps: (Steps & { total: number; durationMs: number })[] = []
  let runningMs = 0
  let runningRequests = 0
  try {
    proxy = await startCountingProxy({ port: simPort })
    sim = await startSim(simPort, sc.batches[0]!.durationMs)
    server = await startServer(freePort(), proxy.url, dataDir, sc.webhooks)
    // A laptop's window for one job at a time; a tall one for 8 or 20 at once, whose rows reach far
    // below the fold, where the browser rightly leaves lazy thumbnails unloaded: every row must be in
    // view for its image to count. Chromium paints here without a GPU: a 4000 px window made single
    // jobs' last two steps (to the browser, on screen) ~35 ms slower than a laptop's.
    await page.setViewportSize({ width: 1440, height: sc.batches.some((b) => b.jobs > 1) ? 4000 : 900 })
    await page.goto(server.url)
    await page.getByRole('button', { name: 'Generate' }).waitFor()
    let currentDuration = sc.batches[0]!.durationMs
    for (const [b, batch] of sc.batches.entries()) {
      if (batch.durationMs !== currentDuration) {
        await stop(sim)
        sim = await startSim(simPort, batch.durationMs)
        currentDuration = batch.durationMs
      }
      const prompts = Array.from({ length: batch.jobs }, (_, i) => `${sc.name} ${b}.${i} ${Date.now()}`)
      const seen = prompts.map((p) => visibleAt(page, p))
      const before = statusRequests.length
      const started = Date.now()
      await Promise.all(prompts.map((p) => submit(server!.url, p)))
      const shown = await Promise.all(seen)
      runningMs += Date.now() - started
      runningRequests += statusRequests.length - before
      const ids = new Map((await listJobs(server.url)).map((j) => [j.prompt, j.id]))
      await proxy.flush()
      for (const [i, prompt] of prompts.entries()) {
        const requestId = proxy.requestIdOf.get(prompt) ?? ''
        const done = proxy.completedAt.get(requestId)
        if (done === undefined) continue
        lags.push(shown[i]! - done)
        const id = ids.get(prompt) ?? ''
        const at = [done, proxy.seenDoneAt.get(requestId), proxy.mediaDoneAt.get(requestId), server.committedAt.get(id), answeredAt.get(id), shown[i]]
        if (at.every((t) => t !== undefined))
          steps.push({
            ...(Object.fromEntries(STEPS.map((step, k) => [step, at[k + 1]! - at[k]!])) as Steps),
            total: shown[i]! - done,
            durationMs: batch.durationMs,
          })
      }
    }
    const jobs = proxy.requestIdOf.size
    return {
      scenario: sc.name,
      ...summary(lags),
      // The median of each step: where the time goes between the gateway finishing and the image on screen.
      steps_p50_ms: Object.fromEntries(
        STEPS.map((step) => [
          step,
          pct(
            steps.map((s) => s[step]),
            0.5,
          ),
        ]),
      ),
      // The slowest job's steps: where an outlier's time went.
      slowest: steps.reduce<(typeof steps)[number] | null>((worst, s) => (worst && worst.total >= s.total ? worst : s), null),
      upstream_polls_per_job: Math.round((proxy.polls / Math.max(1, jobs)) * 10) / 10,
      gateway_429s: proxy.tooMany,
      // Per 429: Darkroom's requests that reached the proxy within that second, and the gaps between them.
      ...(proxy.tooMany ? { gateway_429_arrivals: proxy.tooManyContext } : {}),
      browser_status_requests_per_s_running: Math.round((runningRequests / Math.max(1, runningMs / 1000)) * 100) / 100,
    }
  } finally {
    await stop(server)
    await stop(sim)
    await proxy?.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Browser requests per second on an idle open page (long-poll only), over `ms`. */
async function idleRate(page: Page, statusRequests: { at: number }[], ms: number) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-bench-idle-'))
  const simPort = freePort()
  const sim = await startSim(simPort, 1000)
  const server = await startServer(freePort(), `http://127.0.0.1:${simPort}`, dataDir, false)
  try {
    await page.goto(server.url)
    await page.getByRole('button', { name: 'Generate' }).waitFor()
    await new Promise((r) => setTimeout(r, 2000)) // first page loads settle
    const from = Date.now()
    await new Promise((r) => setTimeout(r, ms))
    return Math.round((statusRequests.filter((r) => r.at >= from).length / (ms / 1000)) * 1000) / 1000
  } finally {
    await stop(server)
    await stop(sim)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

export async function benchLatency(options: { rounds?: number; idleMs?: number; only?: string } = {}) {
  const rounds = options.rounds ?? 2
  const durations = [1200, 2500, 3500, 5000]
  const singles = durations.flatMap((durationMs) => Array.from({ length: rounds }, () => ({ durationMs, jobs: 1 })))
  const scenarios: Scenario[] = [
    { name: 'single jobs 1.2–5 s, polling', webhooks: false, batches: singles },
    { name: 'single jobs 1.2–5 s, webhooks', webhooks: true, batches: singles },
    {
      name: '8 jobs at once (3 s), polling',
      webhooks: false,
      batches: [
        { durationMs: 3000, jobs: 8 },
        { durationMs: 3000, jobs: 8 },
      ],
    },
    { name: '20 jobs at once (3 s), polling', webhooks: false, batches: [{ durationMs: 3000, jobs: 20 }] },
  ]
  // BENCH_LATENCY_ONLY=<text>: only the scenarios whose name holds it (e.g. "webhooks"), to compare one path.
  const only = options.only ?? process.env.BENCH_LATENCY_ONLY
  const chosen = only ? scenarios.filter((sc) => sc.name.includes(only)) : scenarios
  // The server process serves dist/web, as `npm start` does.
  if (!existsSync(path.join(ROOT, 'dist/web/index.html'))) await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'silent' })
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
  try {
    const page = await browser.newPage()
    // Status-type requests: every API call but image files and thumbnails.
    const statusRequests: { at: number }[] = []
    page.on('request', (r) => {
      if (r.url().includes('/api/') && r.resourceType() !== 'image') statusRequests.push({ at: Date.now() })
    })
    // When the page first heard, in a live-updates answer, that each job had completed.
    const answeredAt = new Map<string, number>()
    page.on('requestfinished', (r) => {
      if (!r.url().includes('/api/events')) return
      const at = Date.now()
      void r
        .response()
        .then((res) => res?.json() as Promise<{ jobs?: { items: { id: string; status: string }[] } }> | undefined)
        .then((body) => {
          for (const job of body?.jobs?.items ?? []) if (job.status === 'completed' && !answeredAt.has(job.id)) answeredAt.set(job.id, at)
        })
        .catch(() => {})
    })
    const results = []
    for (const sc of chosen) results.push(await runScenario(sc, page, statusRequests, answeredAt))
    const idle = only ? null : await idleRate(page, statusRequests, options.idleMs ?? 60_000)
    return { results, browser_status_requests_per_s_idle: idle }
  } finally {
    await browser.close()
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const out = await benchLatency({ rounds: Number(process.env.BENCH_LATENCY_ROUNDS ?? 2), idleMs: Number(process.env.BENCH_IDLE_MS ?? 60_000) })
  console.table(out.results.map(({ steps_p50_ms: _, slowest: __, ...row }) => row))
  console.table(Object.fromEntries(out.results.map((r) => [r.scenario, r.steps_p50_ms])))
  console.table(Object.fromEntries(out.results.map((r) => [r.scenario, r.slowest])))
  for (const r of out.results)
    if (r.gateway_429_arrivals) console.log(`${r.scenario}: 429s, with the arrivals in their second:`, JSON.stringify(r.gateway_429_arrivals))
  console.log('browser status requests/s idle:', out.browser_status_requests_per_s_idle)
}
