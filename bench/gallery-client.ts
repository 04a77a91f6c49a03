// The gallery bench's client: a fresh process that asks the server for each query's page, as a browser
// does (one kept-alive connection, brotli, decompressed and parsed), and prints p50/p95 as JSON.
// Not the bench's own process: that one has just seeded the gallery and holds hundreds of MB, and
// its garbage collector's work landed in the timings (at 100k, p50 +30–90% with a 780 MB heap in the
// client; model + seed + word 4.3 → 7.8 ms), which a person's browser does not add.
// node:http, not fetch(): undici's fetch added 0.3 ms to the median and 2–3 ms to p95 of its own
// in this process (first page at 100k: 3.3 / 6.0 ms with node:http, 4.3 / 10.6 ms with fetch).
import http from 'node:http'
import { performance } from 'node:perf_hooks'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'

export type LatencyRow = { name: string; runs: number; p50_ms: number; p95_ms: number }
/** What the bench hands the client (as JSON, its one argument). */
export type ClientJob = { url: string; label: string; runs: number; queries: [string, string][] }

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

const { url, label, runs, queries } = JSON.parse(process.argv[2]!) as ClientJob
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
const page = (name: string, query: string) =>
  getJson(agent, `${url}/api/images?limit=60${query}`).catch((err: Error) => {
    throw new Error(`${name}: ${err.message}`)
  })
// Warm-up: every shape a few times first, so no shape pays for compiling the server's code.
for (let round = 0; round < 5; round++) for (const [name, query] of queries) await page(name, query)
const rows: LatencyRow[] = []
for (const [name, query] of queries) rows.push(await latency(`gallery ${label}: ${name}`, runs, () => page(name, query)))
agent.destroy()
process.stdout.write(JSON.stringify(rows))
