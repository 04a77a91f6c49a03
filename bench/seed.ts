// A realistic gallery for the bench, straight into SQLite through the app's own migrations:
// many distinct prompts (a Zipf-like vocabulary, so common and rare words), prompts iterated a few
// times in a row, seeds reused across many images (seed 42 in 1%), three years of arrivals with
// busy and quiet days, favourites, ratings, a common and a rare tag, a big and a small collection,
// comparisons and a few deletes.
// Files are hard links to 64 tiny real thumbnails (64 keeps each inode under ext4's link limit at 1M).
import { linkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { openDatabase } from '../server/db/sqlite/connection'
import { encodeCursor } from '../server/images/service'

const MODELS = ['z-image-turbo', 'ernie-image-turbo', 'ernie-image'] as const
const SUBJECTS = [
  'fox',
  'lighthouse',
  'whale',
  'forest',
  'city street',
  'teapot',
  'mountain',
  'robot',
  'garden',
  'harbour',
  'owl',
  'desert',
  'violin',
  'bridge',
  'cathedral',
  'koi pond',
  'glacier',
  'market',
  'tram',
  'orchid',
]
const STYLES = ['oil painting', 'photograph', 'watercolour', 'cinematic still', 'pencil sketch', 'portrait', 'isometric render']
const SIZES = [
  [1024, 1024],
  [1024, 1024],
  [1024, 1024],
  [768, 1344],
  [1344, 768],
  [512, 512],
] as const
const PALETTE = 64

/** mulberry32: the same gallery every run. */
function prng(seed: number) {
  let a = seed
  return () => {
    a |= 0
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** 5,000 made-up words; word k is drawn with probability ~1/k, so a few are common and most rare. */
function vocabulary(rand: () => number) {
  const syll = ['ka', 'lo', 'mi', 'ren', 'tos', 'va', 'quel', 'dor', 'fin', 'sa', 'bel', 'tur', 'ny', 'zo', 'ram', 'pe']
  const words = Array.from({ length: 5000 }, (_, i) => {
    let w = ''
    let n = i + 7
    while (n > 0) {
      w += syll[n % 16]
      n = Math.floor(n / 16)
    }
    return w
  })
  const weights = words.map((_, k) => 1 / (k + 1))
  const cumulative: number[] = []
  weights.reduce((sum, w, k) => (cumulative[k] = sum + w), 0)
  const total = cumulative.at(-1)!
  const draw = () => {
    const x = rand() * total
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return words[lo]!
  }
  return { draw, words }
}

export type SeededGallery = {
  deepCursor: string
  bigCollection: string
  smallCollection: string
  comparison: string
  rareWord: string
  commonWord: string
  month: string
  day: string
}

/** Seeds `count` completed single-image jobs; returns names the bench's queries use. */
export async function seedGallery(dataDir: string, count: number): Promise<SeededGallery> {
  const db = openDatabase(path.join(dataDir, 'darkroom.db'))
  const sqlite = db.$client
  sqlite.pragma('synchronous = OFF')
  const insertJob = sqlite.prepare(
    `insert into jobs (id, model, prompt, params, seed, status, comparison_id, created_at, updated_at, finished_at, attempts) values (?, ?, ?, ?, ?, 'completed', ?, ?, ?, ?, 0)`,
  )
  const insertImage = sqlite.prepare(
    `insert into images (id, job_id, idx, file_name, thumb_name, mime_type, width, height, bytes, created_at, model, seed, steps, guidance, favourite, deleted_at, seq, comparison_id, rating)
     values (?, ?, 0, ?, ?, 'image/webp', ?, ?, 2048, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertTag = sqlite.prepare(`insert into image_tags (image_id, tag, image_seq) values (?, ?, ?)`)
  // Search entries are written in one pass at the end, much faster than a trigger per row.
  const ftsTrigger = sqlite.prepare(`select sql from sqlite_master where type = 'trigger' and name = 'images_fts_insert'`).pluck().get() as string
  sqlite.exec('drop trigger images_fts_insert')
  const insertMember = sqlite.prepare(`insert into image_collections (collection_id, image_id, added_at, image_seq) values (?, ?, ?, ?)`)
  const dirs = { images: path.join(dataDir, 'images'), thumbs: path.join(dataDir, 'thumbs') }
  mkdirSync(dirs.images, { recursive: true })
  mkdirSync(dirs.thumbs, { recursive: true })
  const paletteDir = path.join(dataDir, 'palette')
  mkdirSync(paletteDir, { recursive: true })
  for (let i = 0; i < PALETTE; i++) {
    const buf = await sharp({
      create: { width: 64, height: 64, channels: 3, background: { r: (i * 53) % 255, g: (i * 97) % 255, b: (i * 151) % 255 } },
    })
      .webp()
      .toBuffer()
    writeFileSync(path.join(paletteDir, `${i}.webp`), buf)
  }

  const rand = prng(20261130)
  const { draw: word, words } = vocabulary(rand)
  const end = Date.UTC(2026, 10, 1)
  const span = 3 * 365 * 86_400_000
  const now = Date.now()
  sqlite.prepare(`insert into collections (id, name, created_at) values ('big', 'Everything good', ?), ('small', 'Shortlist', ?)`).run(now, now)
  let prompt = ''
  let seed = 0
  let comparison: string | null = null
  let lastComparison = ''
  const seedAll = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      // A person iterates a prompt a few times, often keeping the seed; sometimes it is a comparison.
      if (i === 0 || rand() < 0.3) {
        const extra = Array.from({ length: 3 + Math.floor(rand() * 5) }, word).join(' ')
        prompt = `a ${SUBJECTS[Math.floor(rand() * SUBJECTS.length)]} ${extra}, ${STYLES[Math.floor(rand() * STYLES.length)]}`
        seed = rand() < 0.01 ? 42 : Math.floor(rand() * 20_000)
        comparison = rand() < 0.01 ? (lastComparison = `cmp-${i}`) : null
      } else if (rand() < 0.4) seed = Math.floor(rand() * 20_000)
      const model = MODELS[Math.floor(rand() * rand() * 3)]!
      const steps = model === 'ernie-image' ? 20 + Math.floor(rand() * 5) * 10 : 4 + Math.floor(rand() * 5)
      const guidance = model === 'z-image-turbo' ? null : 1 + Math.floor(rand() * 8)
      const [width, height] = SIZES[Math.floor(rand() * SIZES.length)]!
      // Arrivals spread over three years, busier on some days than others.
      const at = end - span + Math.floor((span * (i + rand() * 0.5)) / count)
      const jobId = `job-${i.toString(36)}-${Math.floor(rand() * 1e9).toString(36)}`
      const imageId = `${jobId}-0`
      const params = JSON.stringify({ prompt, num_inference_steps: steps, guidance_scale: guidance, seed, image_size: { width, height } })
      insertJob.run(jobId, model, prompt, params, seed, comparison, at, at, at)
      const favourite = rand() < 0.02 ? 1 : 0
      const deletedAt = rand() < 0.001 ? now : null
      insertImage.run(
        imageId,
        jobId,
        `${imageId}.webp`,
        `${imageId}.webp`,
        width,
        height,
        at,
        model,
        seed,
        steps,
        guidance,
        favourite,
        deletedAt,
        i + 1,
        comparison,
        // One image in eight rated, 1–5 stars; from the index, not the random stream, which would
        // change every other column of the gallery the earlier figures were measured on.
        i % 8 === 5 ? 1 + ((i * 7) % 5) : null,
      )
      // A tag on 5% of images and one on 0.2%.
      if (i % 20 === 9) insertTag.run(imageId, 'keeper', i + 1)
      if (i % 500 === 17) insertTag.run(imageId, 'blue hour', i + 1)
      if (i % 10 === 3) insertMember.run('big', imageId, at, i + 1)
      if (i % Math.max(1, Math.floor(count / 50)) === 7) insertMember.run('small', imageId, at, i + 1)
      const palette = path.join(paletteDir, `${i % PALETTE}.webp`)
      linkSync(palette, path.join(dirs.thumbs, `${imageId}.webp`))
      linkSync(palette, path.join(dirs.images, `${imageId}.webp`))
    }
  })
  for (let i = 0; i < count; i += 50_000) seedAll(i, Math.min(count, i + 50_000))
  sqlite.exec(`insert into images_fts (rowid, prompt) select i.seq, j.prompt from images i join jobs j on j.id = i.job_id; ${ftsTrigger}`)
  // The rows went in as Darkroom never writes them (a completed job before its images), so the spend
  // trigger counted each job as if it had just been made; recount the totals by migration 0015's rule,
  // as a real install's are, or moving the seeded install to PostgreSQL fails its spend check.
  const recount = readFileSync(new URL('../server/db/sqlite/migrations/0015_recount-spend.sql', import.meta.url), 'utf8')
  for (const statement of recount.split('--> statement-breakpoint')) sqlite.exec(statement)
  sqlite.pragma('optimize=0x10002')
  const deep = sqlite
    .prepare(`select seq from images where deleted_at is null order by seq desc limit 1 offset ?`)
    .pluck()
    .get(Math.floor(count / 2)) as number
  db.close()
  const mid = new Date(end - span / 2)
  const iso = (d: Date) => d.toISOString().slice(0, 10)
  return {
    deepCursor: encodeCursor(deep),
    bigCollection: 'Everything good',
    smallCollection: 'small',
    comparison: lastComparison,
    rareWord: words[3000]!,
    commonWord: words[1]!,
    month: `${iso(mid)}..${iso(new Date(mid.getTime() + 29 * 86_400_000))}`,
    day: iso(mid),
  }
}
