// Results are capped at what was paid for: extra media URLs from the gateway are logged, never
// stored, and an image over the pixel limit is refused before it is decoded.
import { readdirSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { deflateSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { startRig, type Rig } from './rig'

let rig: Rig
let server: Server | undefined
afterEach(async () => {
  await rig?.close()
  await new Promise((r) => (server ? server.close(r) : r(undefined)))
  server = undefined
})

const completedWith = (urls: string[]) => ({ status: 200, body: { status: 'COMPLETED', output: { media_url: urls, media_type: 'image/png' } } })

describe('results capped at what was paid for', () => {
  it('stores num_images results when the gateway sends more, and logs the rest', async () => {
    rig = await startRig({ timing: { queuedMs: 1000, processingMs: 1000 } })
    // Three real images from the gateway, made for another request.
    const other = await rig.pixazo.submit('z-image-turbo', { prompt: 'three of them', num_images: 3, image_size: 'square' })
    rig.clock.advance(5000)
    const { media } = await rig.pixazo.status('z-image-turbo', other.requestId)
    expect(media).toHaveLength(3)

    const { id } = rig.jobs.create('z-image-turbo', { prompt: 'paid for one', num_images: 1, image_size: 'square' })
    await rig.tick(0)
    rig.sim.control.failNext('status', { ...completedWith(media.map((m) => m.url)), times: 5 })
    const mediaBefore = rig.routeCount('media')
    await rig.tick(1000)

    expect(rig.status(id)).toBe('completed')
    expect(rig.repo.imagesOfJobs([id])).toHaveLength(1)
    expect(rig.routeCount('media') - mediaBefore).toBe(1)
    const warning = rig.logs.find((l) => l.includes('more images than were paid for'))
    expect(warning).toContain('"extra":2')
    expect(warning).toContain(media[2]!.url.slice(0, 60))
  })

  it('refuses an image over 40 megapixels, stores nothing, and says why', async () => {
    // A PNG whose header claims 8000×6000 (48 MP): what a decompression bomb looks like.
    server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(pngHeaderOnly(8000, 6000)))
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r))
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    rig = await startRig({ extraOrigins: [origin] })

    const { id } = rig.jobs.create('z-image-turbo', { prompt: 'enormous' })
    await rig.tick(0)
    rig.sim.control.failNext('status', { ...completedWith([`${origin}/huge.png`]), times: 20 })
    await rig.tick(1000)

    expect(rig.repo.getJob(id)).toMatchObject({
      status: 'download_failed',
      errorCode: 'download',
      errorMessage: "The image is 8000×6000 (48.0 MP), over Darkroom's 40 MP limit; it was not stored",
      nextAttemptAt: null,
    })
    expect(rig.repo.imagesOfJobs([id])).toEqual([])
    expect([...readdirSync(rig.dirs.images), ...readdirSync(rig.dirs.thumbs), ...readdirSync(rig.dirs.tmp)]).toEqual([])
    const statusReads = rig.routeCount('status')
    await rig.tick(60_000, 5000)
    expect(rig.routeCount('status')).toBe(statusReads) // final: not retried on its own
  })
})

function pngHeaderOnly(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function crc32(buf: Buffer): number {
  let crc = 0xffffffff
  for (const byte of buf) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}
