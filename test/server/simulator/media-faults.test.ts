// Broken media downloads: missing, hung, cut short, mislabelled, not images, or far too big.
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { canned } from '../../../server/simulator/faults'
import { completedJob, download, rejection, start } from './support'

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const MB = 1024 * 1024

/** Reads a body chunk by chunk, keeping only the count, until it ends or breaks. */
async function countBytes(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader()
  let bytes = 0
  let first: Uint8Array | undefined
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return { bytes, first }
      first ??= value
      bytes += value.length
    }
  } catch (error) {
    const { message, cause } = error as Error & { cause?: { code?: string } }
    return { bytes, first, error: { message, code: cause?.code } }
  }
}

describe('media faults', () => {
  it('404 for a file that exists, then the file', async () => {
    const sim = await start()
    const job = await completedJob(sim.url)
    sim.control.failNext('media', canned.notFound())
    expect(await download(job.mediaUrl)).toMatchObject({ status: 404 })
    expect(await download(job.mediaUrl)).toMatchObject({ status: 200, type: 'image/png' })
  })

  it('hang: no answer until the client gives up', async () => {
    const sim = await start()
    const job = await completedJob(sim.url)
    sim.control.failNext('media', { kind: 'hang' })
    expect(await rejection(fetch(job.mediaUrl, { signal: AbortSignal.timeout(200) }))).toMatchObject({ name: 'TimeoutError' })
  })

  // Observed: the headers arrive (200, the full Content-Length), then reading the body rejects with
  // TypeError "terminated" whose cause is SocketError "other side closed", code UND_ERR_SOCKET.
  it('truncate: the full Content-Length, then half the bytes and a closed socket', async () => {
    const sim = await start()
    const job = await completedJob(sim.url)
    const whole = (await download(job.mediaUrl)).bytes
    sim.control.failNext('media', { kind: 'truncate' })
    const res = await fetch(job.mediaUrl)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBe(String(whole.length))
    const read = await countBytes(res.body!)
    expect(read).toMatchObject({ bytes: Math.floor(whole.length / 2), error: { message: 'terminated', code: 'UND_ERR_SOCKET' } })

    sim.control.failNext('media', { kind: 'truncate', bytes: 100 })
    expect(await countBytes((await fetch(job.mediaUrl)).body!)).toMatchObject({ bytes: 100, error: { code: 'UND_ERR_SOCKET' } })
  })

  it.each(['application/octet-stream', 'text/plain'])('wrong-type: the real image labelled %s', async (type) => {
    const sim = await start()
    const job = await completedJob(sim.url)
    const whole = (await download(job.mediaUrl)).bytes
    sim.control.failNext('media', { kind: 'wrong-type', contentType: type })
    const file = await download(job.mediaUrl)
    expect(file).toMatchObject({ status: 200, type })
    expect(file.bytes.equals(whole)).toBe(true)
    expect(await sharp(file.bytes).metadata()).toMatchObject({ format: 'png', width: 512, height: 512 })
  })

  it('wrong-type defaults to application/octet-stream', async () => {
    const sim = await start()
    const job = await completedJob(sim.url)
    sim.control.failNext('media', { kind: 'wrong-type' })
    expect((await download(job.mediaUrl)).type).toBe('application/octet-stream')
  })

  it.each([
    [undefined, 'text/html; charset=UTF-8', /^<!DOCTYPE html>/],
    ['text/plain', 'text/plain', /not an image/],
    ['image/png', 'image/png', /not an image/],
  ])('not-image (%s): 200 with text where the picture should be', async (contentType, type, text) => {
    const sim = await start()
    const job = await completedJob(sim.url)
    sim.control.failNext('media', { kind: 'not-image', contentType })
    const file = await download(job.mediaUrl)
    expect(file).toMatchObject({ status: 200, type })
    expect(file.bytes.toString('utf8')).toMatch(text)
    expect(file.bytes.subarray(0, 8).equals(PNG_MAGIC)).toBe(false)
    await expect(sharp(file.bytes).metadata()).rejects.toThrow()
  })
})

describe('oversized media', () => {
  it('streams 60 MB that starts like the real image, declared in Content-Length', async () => {
    const sim = await start()
    const job = await completedJob(sim.url)
    sim.control.failNext('media', { kind: 'oversized' })
    const res = await fetch(job.mediaUrl)
    expect(res.headers.get('content-length')).toBe(String(60 * MB))
    expect(res.headers.get('content-type')).toBe('image/png')
    const read = await countBytes(res.body!)
    expect(read.bytes).toBe(60 * MB)
    expect(Buffer.from(read.first!.subarray(0, 8)).equals(PNG_MAGIC)).toBe(true)
  })

  it('can leave out Content-Length (chunked), so only counting catches it', async () => {
    const sim = await start()
    const job = await completedJob(sim.url)
    sim.control.failNext('media', { kind: 'oversized', bytes: 55 * MB, chunked: true })
    const res = await fetch(job.mediaUrl)
    expect(res.headers.get('content-length')).toBeNull()
    expect(res.headers.get('transfer-encoding')).toBe('chunked')
    expect((await countBytes(res.body!)).bytes).toBe(55 * MB)
  })

  it('is produced as the client reads, not held in memory', async () => {
    const sim = await start()
    const job = await completedJob(sim.url)
    await download(job.mediaUrl) // the rendered image is cached before measuring
    const held = () => process.memoryUsage().arrayBuffers
    const before = held()
    sim.control.failNext('media', { kind: 'oversized', bytes: 200 * MB })
    const res = await fetch(job.mediaUrl)
    const reader = res.body!.getReader()
    await reader.read()
    await new Promise((r) => setTimeout(r, 300)) // a client that stops reading for a while
    // Whole-body buffering would show 200 MB here; streaming holds socket buffers only.
    expect(held() - before).toBeLessThan(20 * MB)
    await reader.cancel()
  })
})
