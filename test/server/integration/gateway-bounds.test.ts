// A hostile or broken gateway: answers are read within a size cap, vendor messages are stored short,
// cleaned of bidirectional overrides and control characters, and never carry the API key; a malformed
// data: URI or an oversized answer ends the job at once instead of being retried.
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { isRetryableDownloadError } from '../../../server/jobs/policy'
import { fetchMedia, MediaError } from '../../../server/storage/media-fetch'
import { startStack, TEST_KEY, type Stack } from '../harness'

let stack: Stack
beforeAll(async () => {
  stack = await startStack()
})
afterAll(async () => {
  await stack.close()
})
beforeEach(() => stack.sim.control.reset())

const BIDI = /[\u202A-\u202E\u2066-\u2069]/
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/
const statusCalls = () => stack.sim.control.requests.filter((r) => r.path.startsWith('/v2/requests/status/')).length
/** Every byte the server wrote to its database (the WAL included). */
const databaseBytes = () =>
  readdirSync(stack.dataDir)
    .filter((f) => f.startsWith('darkroom.db'))
    .map((f) => readFileSync(path.join(stack.dataDir, f)).toString('latin1'))
    .join('')

describe('vendor messages', () => {
  it('redacts the API key a 401 echoes back, in the API and in the database', async () => {
    stack.sim.control.failNext('generate', {
      status: 401,
      body: { statusCode: 401, message: `Access denied due to invalid subscription key ${TEST_KEY}. Make sure to provide a valid key.` },
      times: 100,
    })
    const job = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'echoes the key' })).id)
    expect(job.status).toBe('failed')
    expect(job.error?.message).toBe('Access denied due to invalid subscription key [redacted]. Make sure to provide a valid key.')
    const list = await (await stack.api('/api/jobs')).text()
    expect(list).not.toContain(TEST_KEY)
    expect(list).toContain('[redacted]')
    expect(databaseBytes()).not.toContain(TEST_KEY)
  })

  it('redacts the key in a model failure message read from a status answer', async () => {
    stack.sim.control.failJob('next', { outcome: 'FAILED', message: `Request by key ${TEST_KEY} failed the safety check` })
    const job = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'failed with key' })).id)
    expect(job.error).toMatchObject({ code: 'FAILED', message: 'Request by key [redacted] failed the safety check' })
    expect(databaseBytes()).not.toContain(TEST_KEY)
  })

  it('stores a long message cut to 2,000 characters, without bidi overrides or control characters', async () => {
    const tricky = `Invalid \u202Etxt.exe\u202C prompt\u0007\u001B[31m\u2066 near\tline\n2 ` + 'x'.repeat(50_000)
    stack.sim.control.failNext('generate', { status: 400, body: { error: tricky }, times: 100 })
    const job = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'long and tricky' })).id)
    expect(job.error?.code).toBe('http_400')
    const message = job.error!.message
    expect(message.length).toBeLessThanOrEqual(2000)
    expect(message).toMatch(/^Invalid txt\.exe prompt\[31m near\tline\n2 x+…$/)
    expect(message).not.toMatch(BIDI)
    expect(message).not.toMatch(CONTROL)
  })
})

describe('bounded answers', () => {
  it('reads an error body only up to 1 MB and still reports the status', async () => {
    stack.sim.control.failNext('generate', { status: 400, body: { error: 'y'.repeat(3_000_000) }, times: 100 })
    const job = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'huge error body' })).id)
    expect(job.status).toBe('failed')
    expect(job.error?.code).toBe('http_400')
    expect(job.error!.message.length).toBeLessThanOrEqual(2000)
    expect(job.error!.message).toMatch(/over the 1 MB limit/)
  })

  it('ends a job whose status answer is over 1 MB, without asking again', async () => {
    stack.sim.control.failNext('status', { status: 200, body: { status: 'PROCESSING', padding: 'z'.repeat(3_000_000) } })
    const job = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'huge status' })).id)
    expect(job.status).toBe('failed')
    expect(job.error?.message).toMatch(/over the 1 MB limit/)
    expect(statusCalls()).toBe(1)
  })

  it('ends a job whose result is a malformed data: URI, without downloading again', async () => {
    stack.sim.control.failNext('status', {
      status: 200,
      body: { status: 'COMPLETED', output: { media_url: ['data:image/png;base64,%%%not base64%%%'] } },
    })
    const job = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'bad data uri' })).id)
    // Pixazo made it, so it rests as a failed download (Retry downloads again, for free), never retried on its own.
    expect(job.status).toBe('download_failed')
    expect(job.error).toMatchObject({ code: 'download', message: expect.stringMatching(/malformed data URI/) })
    expect(statusCalls()).toBe(1)
  })

  it('treats a data: URI or a download over the size limit as final', async () => {
    const opts = { allowedOrigins: new Set<string>(), maxBytes: 1000, timeoutMs: 5000 }
    const tooBig = await fetchMedia(`data:image/png;base64,${Buffer.alloc(2000).toString('base64')}`, opts).catch((e: unknown) => e)
    expect(tooBig).toBeInstanceOf(MediaError)
    expect(isRetryableDownloadError(tooBig)).toBe(false)
    // A media host that sends more than the limit, with and without saying so up front.
    const host = createServer((req, res) => {
      if (req.url === '/declared') res.writeHead(200, { 'Content-Length': '2000' })
      res.end(Buffer.alloc(2000))
    })
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', r))
    const origin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`
    try {
      for (const p of ['/declared', '/chunked']) {
        const err = await fetchMedia(origin + p, { ...opts, allowedOrigins: new Set([origin]) }).catch((e: unknown) => e)
        expect(err, p).toBeInstanceOf(MediaError)
        expect(isRetryableDownloadError(err), p).toBe(false)
      }
    } finally {
      await new Promise((r) => host.close(r))
    }
  })
})
