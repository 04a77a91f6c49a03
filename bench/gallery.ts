// The gallery at 100,000 and 1,000,000 images (bench/seed.ts): the real server runs as its own
// process (`tsx server/index.ts`) on a seeded DATA_DIR and is measured over HTTP from this one —
// start-up time (spawn → listening), resident memory (now and peak, from /proc), and p50/p95 of a
// gallery page for every filter alone and the common combinations. Also the compressed size of the
// initial JS as sent, and in Chromium the gallery's DOM size and frame rate while scrolling.
// Pages are fetched as a browser does: one kept-alive connection, brotli, decompressed and parsed.
// node:http, not fetch(): undici's fetch added 0.3 ms to the median and 2–3 ms to p95 of its own
// in this process (first page at 100k: 3.3 / 6.0 ms with node:http, 4.3 / 10.6 ms with fetch).
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import pg from 'pg'
import { moveInstall } from '../scripts/move/index'
import { seedGallery, type SeededGallery } from './seed'

export type LatencyRow = { name: string; runs: number; p50_ms: number; p95_ms: number }

const root = fileURLToPath(new URL('..', import.meta.url))
/** Server starts per gallery: start-up is their median. */
const STARTS = 3

async function latency(name: string, runs: number, fn: () => Promise<unknown>): Promise<LatencyRow> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await fn()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 100) / 100
  return { name, runs, p50_ms: at(0.5), p95_ms: at(0.95) }
}

/** GET `url` as JSON over `agent`'s kept-alive connection, as a browser would: brotli or gzip, decompressed and parsed. */
function getJson(agent: http.Agent, url: string) {
  return new Promise<unknown>((resolve, reject) => {
    http
      .get(url, { agent, headers: { 'Accept-Encoding': 'br, gzip' } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`))
          const body = Buffer.concat(chunks)
          const encoding = res.headers['content-encoding']
          const text = (encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body).toString()
          resolve(JSON.parse(text))
        })
        res.on('error', reject)
      })
      .on('error', reject)
  })
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
function memoryOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  return { rss_mb: Math.round(kb('VmRSS') / 1024), peak_rss_mb: Math.round(kb('VmHWM') / 1024) }
}

/** Starts `server/index.ts` on dataDir; resolves when it prints its URL (it is listening then). */
async function spawnServer(dataDir: string, apiOnly: boolean, databaseUrl?: string) {
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      PIXAZO_API_KEY: 'bench-key',
      PIXAZO_BASE_URL: 'http://127.0.0.1:9',
      DARKROOM_API_ONLY: apiOnly ? '1' : '0',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const m = /running at (http:\/\/\S+)/.exec(out)
      if (m) resolve(m[1]!)
    })
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${out}`)))
  })
  const startupMs = Math.round(performance.now() - started)
  const stop = () =>
    new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))))
  return { url, pid: child.pid!, startupMs, stop }
}

/**
 * Lets the machine finish writing the seed before anything is measured: seeding writes two files an
 * image (400 MB at 100k), and PostgreSQL holds the moved rows in dirty buffers. Measured while the
 * kernel and the checkpointer wrote them out, PostgreSQL at 100k ran at p50 5.8 ms against 4.4 once
 * settled; a gallery in use has no such backlog.
 */
async function settle(postgres?: string) {
  if (postgres) {
    const client = new pg.Client({ connectionString: postgres })
    await client.connect()
    await client.query('checkpoint').finally(() => client.end())
  }
  execFileSync('sync')
}

function queries(s: SeededGallery): [string, string][] {
  const q = (text: string) => `&q=${encodeURIComponent(text)}`
  return [
    ['first page', ''],
    ['page half-way down (keyset cursor)', `&cursor=${s.deepCursor}`],
    ['oldest first', '&sort=oldest'],
    ['model', q('model:ernie-image-turbo')],
    ['seed:42 (1% of images)', q('seed:42')],
    ['seed, a common one', q('seed:1234')],
    ['steps', q('steps:30')],
    ['steps range', q('steps:>6')],
    ['guidance', q('guidance:4')],
    ['guidance range', q('guidance:3..5')],
    ['size', q('size:768x1344')],
    ['date: 30 days', q(`date:${s.month}`)],
    ['date: one day', q(`date:${s.day}`)],
    ['favourites', q('fav')],
    ['favourites, oldest first', `${q('fav')}&sort=oldest`],
    ['collection: big (10%)', q(`collection:"${s.bigCollection}"`)],
    ['collection: small (50)', q(`collection:${s.smallCollection}`)],
    ['comparison', q(`comparison:${s.comparison}`)],
    ['word: common', q(s.commonWord)],
    ['word: subject (5%)', q('lighthouse')],
    ['word: rare', q(s.rareWord)],
    ['phrase', q('"oil painting"')],
    ['model + seed', q('model:z-image-turbo seed:42')],
    ['model + date', q(`model:z-image-turbo date:${s.month}`)],
    ['model + word', q('model:ernie-image-turbo lighthouse')],
    ['seed + word', q(`seed:42 ${s.commonWord}`)],
    ['model + seed + word', q(`model:z-image-turbo seed:42 ${s.commonWord}`)],
    ['favourites + model', q('fav model:z-image-turbo')],
    ['collection + word', q(`collection:"${s.bigCollection}" lighthouse`)],
    ['small collection + word', q(`collection:${s.smallCollection} lighthouse`)],
    ['date + word', q(`date:${s.month} lighthouse`)],
    ['model + steps + guidance', q('model:ernie-image-turbo steps:6 guidance:4')],
    ['rating (12%)', q('rating:>=1')],
    ['rating: 5 stars', q('rating:5')],
    ['rating + model', q('rating:>=4 model:z-image-turbo')],
    ['tag: common (5%)', q('tag:keeper')],
    ['tag: rare (0.2%)', q('tag:"blue hour"')],
    ['tag + word', q('tag:keeper lighthouse')],
    ['tag + rating', q('tag:keeper rating:>=4')],
  ]
}

/**
 * With `postgres` (a fresh database's URL) the seeded install is moved there first (`npm run move`,
 * rows only; files stay in DATA_DIR) and the server runs on it: the same queries, on PostgreSQL.
 */
export async function benchGallery(
  count: number,
  opts: { runs: number; webDir?: string; browser?: (url: string) => Promise<unknown>; postgres?: string },
) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-bench-gallery-'))
  try {
    const t0 = performance.now()
    const seeded = await seedGallery(dataDir, count)
    const seedSeconds = Math.round((performance.now() - t0) / 100) / 10
    let moveSeconds: number | undefined
    if (opts.postgres) {
      const t1 = performance.now()
      const report = await moveInstall({ dataDir, databaseUrl: opts.postgres })
      if (!report.ok) throw new Error(`moving the bench gallery to PostgreSQL failed its check: ${JSON.stringify(report)}`)
      moveSeconds = Math.round((performance.now() - t1) / 100) / 10
    }
    await settle(opts.postgres)
    // Start-up is timed over a few starts, the measured server being the last: one start alone moved by
    // a second with the machine (1M on SQLite: 3.19 s in one full bench, 1.86–2.49 s in 15 starts alone).
    const startups: number[] = []
    for (let i = 1; i < STARTS; i++) {
      const trial = await spawnServer(dataDir, !opts.webDir, opts.postgres)
      startups.push(trial.startupMs)
      await trial.stop()
    }
    const server = await spawnServer(dataDir, !opts.webDir, opts.postgres)
    startups.push(server.startupMs)
    try {
      const atListen = memoryOf(server.pid)
      const label = `${count.toLocaleString('en')}${opts.postgres ? ' (postgres)' : ''}`
      const rows: LatencyRow[] = []
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
      const page = (name: string, query: string) =>
        getJson(agent, `${server.url}/api/images?limit=60${query}`).catch((err: Error) => {
          throw new Error(`${name}: ${err.message}`)
        })
      // Warm-up: every shape a few times first, so no shape pays for compiling the server's code.
      for (let round = 0; round < 5; round++) for (const [name, query] of queries(seeded)) await page(name, query)
      for (const [name, query] of queries(seeded)) rows.push(await latency(`gallery ${label}: ${name}`, opts.runs, () => page(name, query)))
      agent.destroy()
      const browser = opts.browser ? await opts.browser(server.url) : undefined
      const summary = {
        images: count,
        database: opts.postgres ? 'postgres' : 'sqlite',
        seed_seconds: seedSeconds,
        move_seconds: moveSeconds,
        startup_ms: [...startups].sort((a, b) => a - b)[startups.length >> 1],
        startup_ms_each: startups.join(' '),
        memory_at_listen: atListen,
        memory_after_queries: memoryOf(server.pid),
        browser,
      }
      return { rows, summary }
    } finally {
      await server.stop()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
