// The gallery at 100,000 images: a throwaway DATA_DIR seeded with rows and tiny real thumbnails,
// served by the real server, measured over HTTP (first page, a page 50,000 deep, a text search, a
// combined filter), plus the gzipped size of the initial JS and, in Chromium, the gallery's DOM size
// and frame rate while scrolling.
import { randomUUID } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'
import sharp from 'sharp'
import { startDarkroom } from '../server/darkroom'
import { openDatabase } from '../server/db/client'
import { parseEnv } from '../server/env'
import { encodeCursor } from '../server/images/service'
import { createLogger } from '../server/log'

export type LatencyRow = { name: string; runs: number; p50_ms: number; p95_ms: number }

const ADJECTIVES = ['red', 'quiet', 'golden', 'misty', 'neon', 'ancient', 'tiny', 'frozen', 'wild', 'gentle']
const SUBJECTS = ['fox', 'lighthouse', 'whale', 'forest', 'city street', 'teapot', 'mountain', 'robot', 'garden', 'harbour', 'owl', 'desert', 'violin', 'bridge', 'cathedral', 'koi pond', 'glacier', 'market', 'tram', 'orchid']
const STYLES = ['oil painting', 'photograph', 'watercolour', 'cinematic still', 'pencil sketch']
const MODELS = ['ernie-image-turbo', 'ernie-image', 'z-image-turbo'] as const

/** Seeds `count` completed single-image jobs straight into SQLite (through the app's own migrations). */
export async function seedGallery(dataDir: string, count: number) {
  const db = openDatabase(path.join(dataDir, 'darkroom.db'))
  const sqlite = db.$client
  const insertJob = sqlite.prepare(
    `insert into jobs (id, model, prompt, params, seed, status, created_at, updated_at, finished_at, attempts) values (?, ?, ?, ?, ?, 'completed', ?, ?, ?, 0)`,
  )
  const insertImage = sqlite.prepare(
    `insert into images (id, job_id, idx, file_name, thumb_name, mime_type, width, height, bytes, created_at, model, seed, steps, guidance, favourite, seq)
     values (?, ?, 0, ?, ?, 'image/webp', 1024, 1024, 2048, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const thumbsDir = path.join(dataDir, 'thumbs')
  mkdirSync(thumbsDir, { recursive: true })
  mkdirSync(path.join(dataDir, 'images'), { recursive: true })
  // Sixteen tiny real thumbnails, hard-linked under every image's name.
  const palette = await Promise.all(
    Array.from({ length: 16 }, (_, i) =>
      sharp({ create: { width: 64, height: 64, channels: 3, background: { r: (i * 53) % 255, g: (i * 97) % 255, b: (i * 151) % 255 } } }).webp().toBuffer(),
    ),
  )
  palette.forEach((buf, i) => writeFileSync(path.join(thumbsDir, `palette-${i}.webp`), buf))
  const start = Date.now() - count * 60_000
  const seedAll = sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const jobId = randomUUID()
      const imageId = `${jobId}-0`
      const model = MODELS[i % 3]!
      const prompt = `a ${ADJECTIVES[i % 10]} ${SUBJECTS[(i * 7) % 20]}, ${STYLES[(i * 3) % 5]}`
      const steps = model === 'ernie-image' ? 30 + (i % 70) : 1 + (i % 8)
      const guidance = model === 'z-image-turbo' ? null : 1 + (i % 10)
      const at = start + i * 60_000
      insertJob.run(jobId, model, prompt, JSON.stringify({ prompt, num_inference_steps: steps, guidance_scale: guidance, seed: i }), i, at, at, at)
      insertImage.run(imageId, jobId, `${imageId}.webp`, `${imageId}.webp`, at, model, i, steps, guidance, i % 50 === 0 ? 1 : 0, i + 1)
      // The "original" is the same tiny file: the bench measures the gallery, not full-size downloads.
      linkSync(path.join(thumbsDir, `palette-${i % 16}.webp`), path.join(thumbsDir, `${imageId}.webp`))
      linkSync(path.join(thumbsDir, `palette-${i % 16}.webp`), path.join(dataDir, 'images', `${imageId}.webp`))
    }
  })
  seedAll()
  const deep = sqlite.prepare(`select seq from images order by seq desc limit 1 offset ?`).get(49_999) as { seq: number }
  db.close()
  return { deepCursor: encodeCursor(deep.seq) }
}

async function latency(name: string, runs: number, fn: () => Promise<unknown>): Promise<LatencyRow> {
  for (let i = 0; i < 5; i++) await fn() // warm-up
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

/** Gzipped bytes of the JS the first page load needs: the entry script and its module preloads. */
export function initialJsGzipBytes(webDir: string): number {
  const html = readFileSync(path.join(webDir, 'index.html'), 'utf8')
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!)
  return files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(webDir, f)), { level: 9 }).length, 0)
}

export async function benchGallery(dataDir: string, webDir: string, count: number) {
  const t0 = performance.now()
  const { deepCursor } = await seedGallery(dataDir, count)
  const seedSeconds = Math.round((performance.now() - t0) / 100) / 10
  const darkroom = await startDarkroom({
    env: parseEnv({ PIXAZO_API_KEY: 'bench', PIXAZO_BASE_URL: 'http://127.0.0.1:9', DATA_DIR: dataDir, PORT: '0' }),
    webDir,
    log: createLogger({ write: () => {} }),
  })
  const get = (q: string) => async () => {
    const res = await fetch(`${darkroom.url}/api/images?limit=60${q}`)
    if (!res.ok) throw new Error(`${q}: HTTP ${res.status}`)
    const page = (await res.json()) as { items: unknown[] }
    if (page.items.length === 0) throw new Error(`${q}: no results`)
  }
  const rows = [
    await latency('gallery: first page (60 of 100,000)', 200, get('')),
    await latency('gallery: page 50,000 deep (keyset cursor)', 200, get(`&cursor=${deepCursor}`)),
    await latency('gallery: text search "lighthouse"', 200, get(`&q=${encodeURIComponent('lighthouse')}`)),
    await latency('gallery: combined filter (model, steps, guidance, words)', 200, get(`&q=${encodeURIComponent('model:ernie steps:>=4 guidance:3..7 golden')}`)),
    await latency('gallery: favourites, oldest first', 200, get(`&q=fav&sort=oldest`)),
  ]
  return { rows, seedSeconds, darkroom }
}
