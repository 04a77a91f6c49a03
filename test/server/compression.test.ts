// Responses are sent compressed when that pays: the built web app from its precompressed copies,
// JSON above 1 KB on the fly; small bodies and images (compressed already) are sent as they are.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { precompressFolder } from '../../scripts/precompress'
import { startDarkroom, type Darkroom } from '../../server/darkroom'
import { compressJson } from '../../server/http-compress'
import { parseEnv } from '../../server/env'
import { createLogger } from '../../server/log'
import type { Job, JobList } from '../../shared/api'

let dir: string
let darkroom: Darkroom
const script = `export const words = ${JSON.stringify(Array.from({ length: 800 }, (_, i) => `word-${i}`))};\n`

/** A raw request, so the bytes are seen as sent (fetch would decode them). */
function get(pathname: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const url = new URL(pathname, darkroom.url)
    const req = request(url, { headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-compress-'))
  const web = path.join(dir, 'web')
  mkdirSync(path.join(web, 'assets'), { recursive: true })
  writeFileSync(
    path.join(web, 'index.html'),
    `<!doctype html><title>Darkroom</title><script type="module" src="/assets/app.js"></script>${'<!-- pad -->'.repeat(100)}`,
  )
  writeFileSync(path.join(web, 'assets', 'app.js'), script)
  writeFileSync(path.join(web, 'assets', 'tiny.js'), 'export {}\n')
  precompressFolder(web)
  darkroom = await startDarkroom({
    env: parseEnv({ DATA_DIR: path.join(dir, 'data'), PORT: '0' }),
    webDir: web,
    poll: { firstMs: 20, minMs: 20, maxMs: 50 },
    demoTiming: { queuedMs: 10, processingMs: 10 },
    log: createLogger({ write: () => {} }),
  })
})
afterAll(async () => {
  await darkroom?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('built assets', () => {
  it('sends the brotli copy to browsers that take it, gzip to those that take only gzip', async () => {
    const br = await get('/assets/app.js', 'gzip, deflate, br')
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toContain('Accept-Encoding')
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(Number(br.headers['content-length'])).toBe(br.body.length)
    expect(br.body.length).toBeLessThan(script.length / 2)
    expect(brotliDecompressSync(br.body).toString()).toBe(script)

    const gz = await get('/assets/app.js', 'gzip')
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).toString()).toBe(script)

    const plain = await get('/assets/app.js')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(script)
    expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(script))

    const refused = await get('/assets/app.js', 'br;q=0, gzip;q=0')
    expect(refused.headers['content-encoding']).toBeUndefined()
  })

  it('compresses the page itself (client routes get index.html), and leaves tiny files alone', async () => {
    const page = await get('/gallery', 'br')
    expect(page.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(page.body).toString()).toContain('<title>Darkroom</title>')
    const tiny = await get('/assets/tiny.js', 'br, gzip')
    expect(tiny.headers['content-encoding']).toBeUndefined()
    expect(tiny.body.toString()).toBe('export {}\n')
  })
})

describe('API responses', () => {
  let job: Job
  beforeAll(async () => {
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${darkroom.url}/api/jobs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ model: 'z-image-turbo', params: { prompt: `a lighthouse in a storm, take ${i}`, image_size: 'square' } }),
      })
      job = (await res.json()) as Job
    }
    // Every job settled, read in one list call: the responses compared below must not change between reads.
    const jobs = await vi.waitFor(
      async () => {
        const { items } = (await (await fetch(`${darkroom.url}/api/jobs`)).json()) as JobList
        const pending = items.filter((j) => j.status !== 'completed')
        if (items.length < 4 || pending.length > 0) throw new Error(`${pending.length} of ${items.length} jobs still running`)
        return items
      },
      { timeout: 60_000, interval: 50 },
    )
    job = jobs.find((j) => j.id === job.id)!
  })

  it('compresses JSON above 1 KB with the encoding the client prefers; the bytes decode to the same JSON', async () => {
    const plain = await get('/api/jobs')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.length).toBeGreaterThan(1024)
    for (const [accept, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
      ['deflate', inflateSync],
      ['gzip;q=0.5, br;q=0.9', brotliDecompressSync],
    ] as const) {
      const res = await get('/api/jobs', accept)
      expect(res.headers['content-encoding']).toBe(accept.startsWith('gzip;') ? 'br' : accept)
      expect(res.headers.vary).toContain('Accept-Encoding')
      expect(res.headers['content-type']).toMatch(/^application\/json/)
      expect(Number(res.headers['content-length'])).toBe(res.body.length)
      expect(JSON.parse(decode(res.body).toString())).toEqual(JSON.parse(plain.body.toString()))
    }
  })

  it('sends small JSON and image files as they are', async () => {
    const health = await get('/api/health', 'br, gzip')
    expect(health.headers['content-encoding']).toBeUndefined()
    expect(JSON.parse(health.body.toString())).toMatchObject({ ok: true })
    const image = job.images[0]!
    for (const url of [image.url, image.thumbUrl]) {
      const res = await get(url, 'br, gzip')
      expect(res.status).toBe(200)
      expect(res.headers['content-encoding']).toBeUndefined()
      expect(res.body.length).toBe(Number(res.headers['content-length']))
    }
  })

  it('compresses a big body on the thread pool and a small one inline, to the same bytes a decoder expects', async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `img-${i}`, prompt: `a lighthouse in a storm, take ${i % 7}` }))
    const app = new Hono().use(compressJson({ inlineMaxBytes: 4096 })).get('/rows/:n', (c) => c.json(rows(Number(c.req.param('n')))))
    for (const n of [60, 3000]) {
      const plain = JSON.stringify(rows(n))
      expect(Buffer.byteLength(plain) > 4096).toBe(n > 60)
      for (const [accept, decode] of [
        ['br', brotliDecompressSync],
        ['gzip', gunzipSync],
        ['deflate', inflateSync],
      ] as const) {
        const res = await app.request(`/rows/${n}`, { headers: { 'Accept-Encoding': accept } })
        const body = Buffer.from(await res.arrayBuffer())
        expect(res.headers.get('content-encoding')).toBe(accept)
        expect(Number(res.headers.get('content-length'))).toBe(body.length)
        expect(decode(body).toString()).toBe(plain)
      }
    }
  })

  it("keeps a JSON answer's status and headers, whether made by c.json() or by hand", async () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ id: `img-${i}`, prompt: 'a lighthouse in a storm' }))
    const app = new Hono()
      .use(compressJson())
      .post('/made', (c) => c.json(rows, 201, { 'Cache-Control': 'no-store' }))
      .post('/by-hand', (c) => c.body(JSON.stringify(rows), 202, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }))
    for (const [route, status] of [
      ['/made', 201],
      ['/by-hand', 202],
    ] as const) {
      const res = await app.request(route, { method: 'POST', headers: { 'Accept-Encoding': 'br' } })
      const body = Buffer.from(await res.arrayBuffer())
      expect(res.status).toBe(status)
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
      expect(res.headers.get('content-encoding')).toBe('br')
      expect(Number(res.headers.get('content-length'))).toBe(body.length)
      expect(JSON.parse(brotliDecompressSync(body).toString())).toEqual(rows)
    }
  })
})
