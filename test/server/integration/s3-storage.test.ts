// Darkroom with STORAGE_URL on an S3-compatible server (s3rver, in-process): images and thumbnails
// land in the bucket and are served from it, downloads and zips read from it, the audit checks it,
// health reports it, and DATA_DIR holds no image bytes at all.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { healthSchema, imagePageSchema, type Image } from '../../../shared/api'
import { readEmbeddedParameters } from '../../../shared/image-metadata'
import type { BlobStore } from '../../../server/storage/blob-store'
import { detectImageType } from '../../../server/storage/image-type'
import { createS3Store } from '../../../server/storage/s3-store'
import { startStack, type Stack } from '../harness'
import { startS3rver, type S3rverHandle } from '../storage/s3rver'

let s3: S3rverHandle
let bucket: BlobStore
let stack: Stack
let images: Image[]

beforeAll(async () => {
  s3 = await startS3rver()
  bucket = createS3Store(s3.settings('darkroom'))
  stack = await startStack({ env: s3.env('darkroom') })
  const job = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'a heron in the reeds', num_images: 2, seed: 7 })).id)
  expect(job.status).toBe('completed')
  images = imagePageSchema.parse(await (await stack.api('/api/images')).json()).items
})
afterAll(async () => {
  await stack?.close()
  bucket?.close()
  await s3?.close()
})

const readAll = async (store: BlobStore, key: string) => Buffer.concat(await (await store.get(key))!.body.toArray())

/** Every file under `dir`, at any depth. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? filesUnder(full) : [full]
  })

/** The stored entries of a zip: name → bytes (read from the central directory). */
function unzip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  let at = buf.readUInt32LE(eocd + 16)
  const out = new Map<string, Buffer>()
  for (let i = 0; i < buf.readUInt16LE(eocd + 10); i++) {
    const size = buf.readUInt32LE(at + 20)
    const nameLen = buf.readUInt16LE(at + 28)
    const local = buf.readUInt32LE(at + 42)
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    out.set(buf.toString('utf8', at + 46, at + 46 + nameLen), buf.subarray(dataAt, dataAt + size))
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32)
  }
  return out
}

describe('images in an S3-compatible bucket (STORAGE_URL)', () => {
  it('stores originals and thumbnails in the bucket under the prefix, and serves them with the usual headers', async () => {
    expect(images).toHaveLength(2)
    const { keys } = await bucket.list('images/', null)
    expect(keys.sort()).toEqual(images.map((i) => `images/${i.jobId}-${i.index}.png`).sort())
    expect((await bucket.list('thumbs/', null)).keys).toHaveLength(2)

    const image = images[0]!
    const res = await stack.api(image.url)
    expect(res.status).toBe(200)
    expect(
      Object.fromEntries(['content-type', 'content-length', 'cache-control', 'x-content-type-options'].map((h) => [h, res.headers.get(h)])),
    ).toEqual({
      'content-type': 'image/png',
      'content-length': String(image.bytes),
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    })
    const served = Buffer.from(await res.arrayBuffer())
    expect(served.equals(await readAll(bucket, `images/${image.jobId}-${image.index}.png`))).toBe(true)

    const thumb = await stack.api(image.thumbUrl)
    expect(thumb.headers.get('content-type')).toBe('image/webp')
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()
    expect([meta.format, Math.max(meta.width!, meta.height!) <= 512]).toEqual(['webp', true])
  })

  it('downloads one image and a zip of both from the bucket, each carrying its parameters', async () => {
    const one = await stack.api(`/api/images/${images[0]!.id}/download`)
    expect(one.status).toBe(200)
    expect(readEmbeddedParameters(Buffer.from(await one.arrayBuffer()))).toMatchObject({ model: 'z-image-turbo', params: { seed: 7 } })

    const ticket = await (await stack.api('/api/images/zip', { method: 'POST', json: { ids: images.map((i) => i.id) } })).json()
    const zip = await stack.api(ticket.url)
    expect(zip.headers.get('content-type')).toBe('application/zip')
    const files = unzip(Buffer.from(await zip.arrayBuffer()))
    expect([...files.keys()].sort()).toEqual(['darkroom-a-heron-in-the-reeds-7-0.png', 'darkroom-a-heron-in-the-reeds-7-1.png'])
    for (const bytes of files.values())
      expect(readEmbeddedParameters(bytes)).toMatchObject({ app: 'darkroom', params: { prompt: 'a heron in the reeds' } })
  })

  it('writes nothing image-like to DATA_DIR', () => {
    const files = filesUnder(stack.dataDir)
    expect(files.length).toBeGreaterThan(0) // the database is there
    const imageLike = files.filter((f) => /\.(png|jpe?g|webp|part)$/.test(f) || detectImageType(readFileSync(f).subarray(0, 16)) !== null)
    expect(imageLike).toEqual([])
    expect(readdirSync(stack.dataDir).filter((name) => ['images', 'thumbs', 'tmp'].includes(name))).toEqual([])
  })

  it('audits the bucket in the background after a restart: a stray object goes, a missing thumbnail is made again', async () => {
    const image = images[1]!
    await bucket.put('images/stray-0.png', Buffer.from('not ours'), 'image/png')
    await bucket.delete(`thumbs/${image.jobId}-${image.index}.webp`)
    await stack.restart()
    await expect.poll(() => bucket.head('images/stray-0.png')).toBeNull()
    await expect.poll(() => bucket.head(`thumbs/${image.jobId}-${image.index}.webp`)).not.toBeNull()
    expect((await stack.api(image.thumbUrl)).status).toBe(200)
  })

  it('reports storage in /api/health: ok, then unreachable (503) when the bucket goes away', async () => {
    const health = async () => {
      const res = await stack.api('/api/health')
      return { status: res.status, ...healthSchema.parse(await res.json()) }
    }
    expect(await health()).toMatchObject({ status: 200, ok: true, database: 'ok', storage: 'ok' })
    await s3.close()
    await expect.poll(async () => (await health()).storage).toBe('unreachable')
    expect(await health()).toMatchObject({ status: 503, ok: false, database: 'ok', storage: 'unreachable' })
    expect(stack.logs.some((l) => l.includes('storage unreachable'))).toBe(true)
    expect(stack.logs.join('\n')).not.toContain(s3.env().AWS_SECRET_ACCESS_KEY)
  })
})
