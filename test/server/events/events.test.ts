// GET /api/events: the long-poll every page listens on, against the real server and simulator.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { eventsSchema } from '../../../shared/events'
import { oncePerVersion } from '../../../server/routes/events'
import { PROGRESS_COALESCE_MS } from '../../../server/events/notifier'
import { FAST_TIMING, heldSimulator, startStack, type Stack } from '../harness'

let stack: Stack
afterEach(async () => {
  await stack?.close()
})

const events = async (after?: number, init?: RequestInit) => {
  const res = await stack.api(`/api/events${after === undefined ? '' : `?after=${after}`}`, init)
  expect(res.status).toBe(200)
  expect(res.headers.get('cache-control')).toBe('no-store')
  return eventsSchema.parse(await res.json())
}

describe('GET /api/events', () => {
  it('answers at once when something changed after the given version, with the job list', async () => {
    stack = await startStack()
    const job = await stack.createJob('z-image-turbo', { prompt: 'a heron' })
    const answer = await events(0)
    expect(answer.version).toBeGreaterThan(0)
    expect(answer.changed).toContain('jobs')
    expect(answer.jobs?.items.map((j) => j.id)).toContain(job.id)
  })

  it('holds while nothing changes, and answers as soon as a job is submitted through the API', async () => {
    stack = await startStack()
    const { changes } = stack.darkroom
    const pending = events(changes.version())
    await vi.waitFor(() => expect(changes.waiting()).toBe(1))
    let answered = false
    void pending.then(() => (answered = true))
    await Promise.resolve()
    expect(answered).toBe(false)

    const job = await stack.createJob('z-image-turbo', { prompt: 'a kingfisher' })
    const answer = await pending
    expect(answer.changed).toContain('jobs')
    expect(answer.jobs?.items[0]?.id).toBe(job.id)
  })

  it('carries the queue when jobs changed, so a page needs no request of its own to show a pause or a waiting job', async () => {
    stack = await startStack()
    const { changes } = stack.darkroom
    const paused = events(changes.version())
    await vi.waitFor(() => expect(changes.waiting()).toBe(1))
    expect((await stack.api('/api/queue', { method: 'PUT', json: { paused: true } })).status).toBe(200)
    expect((await paused).queue).toMatchObject({ paused: true, count: 0 })

    const waiting = events(changes.version())
    await vi.waitFor(() => expect(changes.waiting()).toBe(1))
    const job = await stack.createJob('z-image-turbo', { prompt: 'a stork' })
    const answer = await waiting
    expect(answer.queue).toMatchObject({ paused: true, count: 1 })
    expect(answer.queue?.waiting.map((j) => j.id)).toEqual([job.id])
  })

  it('gives every page held on one version the same answer when a job is submitted', async () => {
    stack = await startStack()
    const { changes } = stack.darkroom
    const at = changes.version()
    const pages = Array.from({ length: 6 }, () => events(at))
    await vi.waitFor(() => expect(changes.waiting()).toBe(6))
    const job = await stack.createJob('z-image-turbo', { prompt: 'a crane' })
    const answers = await Promise.all(pages)
    for (const answer of answers) {
      expect(answer).toEqual(answers[0])
      expect(answer.jobs?.items[0]?.id).toBe(job.id)
    }
  })

  it('tells of new images when a job completes, and of a person’s edits to them', async () => {
    stack = await startStack()
    const job = await stack.createJob('z-image-turbo', { prompt: 'an egret' })
    const { changes } = stack.darkroom
    let seen = new Set<string>()
    let after = changes.version()
    let withImages
    while (!seen.has('images')) {
      const answer = await events(after)
      after = answer.version
      seen = new Set([...seen, ...answer.changed])
      if (answer.changed.includes('images')) withImages = answer
      // Nothing about images changed: nothing about them is carried.
      else expect(answer.recent).toBeUndefined()
    }
    const done = await stack.settle(job.id)
    expect(done.status).toBe('completed')
    // The answer carries the newest images, as GET /api/images?limit=24 gives them: the playground
    // shows the new picture without a request of its own.
    expect(withImages?.recent?.items.map((i) => i.id)).toEqual([done.images[0]!.id])
    expect(withImages?.recent).toEqual(eventsSchema.shape.recent.parse(await (await stack.api('/api/images?limit=24')).json()))

    const pending = events(changes.version())
    await vi.waitFor(() => expect(changes.waiting()).toBe(1))
    expect((await stack.api(`/api/images/${done.images[0]!.id}`, { method: 'PATCH', json: { favourite: true } })).status).toBe(200)
    const edited = await pending
    expect(edited.changed).toEqual(['images'])
    expect(edited.recent?.items[0]).toMatchObject({ id: done.images[0]!.id, favourite: true })
  })

  it('tells a page holding a version from before a restart that everything changed, at once', async () => {
    stack = await startStack()
    // Settled first, so nothing the old process started changes anything after the restart.
    await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'before the restart' })).id)
    const before = stack.darkroom.changes.version()
    await stack.restart()
    // The new process counts on from past every version the old one gave out…
    expect(stack.darkroom.changes.version()).toBeGreaterThan(before)
    const answer = await events(before)
    expect(answer.version).toBeGreaterThan(before)
    expect(answer.version).toBeLessThanOrEqual(stack.darkroom.changes.version())
    expect(answer.changed.sort()).toEqual(['comparisons', 'images', 'jobs'])
    // …and a version it never gave out (another server's, a restored backup's) is not waited for either.
    const ahead = await events(answer.version + 1_000)
    expect(ahead.version).toBeGreaterThanOrEqual(answer.version)
    expect(ahead.version).toBeLessThan(answer.version + 1_000)
    expect(ahead.changed.sort()).toEqual(['comparisons', 'images', 'jobs'])
  })

  it('refuses a version that is not a whole number, naming the field', async () => {
    stack = await startStack()
    const res = await stack.api('/api/events?after=soon')
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('after')
  })

  it('refuses more calm than the hold allows, naming the field and the limit', async () => {
    stack = await startStack()
    const res = await stack.api('/api/events?after=1&calm=60000')
    expect(res.status).toBe(400)
    const body = await res.text()
    expect(body).toContain('calm')
    expect(body).toContain('10000')
  })

  it('tells a calm page of a finished job at once, having held the progress before it', async () => {
    // The gateway's clock stands still until released: the job waits upstream, QUEUED, meanwhile.
    const { sim, clock } = await heldSimulator()
    stack = await startStack({ simulator: sim })
    const job = await stack.createJob('z-image-turbo', { prompt: 'a bittern in reeds' })
    await stack.waitFor(job.id, (j) => j.status === 'queued')
    const calm = stack.api(`/api/events?after=${stack.darkroom.changes.version()}&calm=10000`)
    await vi.waitFor(() => expect(stack.darkroom.changes.waiting()).toBe(1))
    // Upstream moves to processing and stops there: progress, which a page without calm hears within
    // PROGRESS_COALESCE_MS. This one is still held well after that.
    clock.release(FAST_TIMING.queuedMs + 1)
    clock.hold()
    await stack.waitFor(job.id, (j) => j.status === 'processing')
    await new Promise((r) => setTimeout(r, PROGRESS_COALESCE_MS + 500))
    expect(stack.darkroom.changes.waiting()).toBe(1)
    // The result is worth an answer at once.
    clock.release(FAST_TIMING.processingMs)
    const answer = eventsSchema.parse(await (await calm).json())
    expect(answer.changed).toContain('images')
    expect(answer.jobs?.items.find((j) => j.id === job.id)?.status).toBe('completed')
  })

  it('wakes a calm page once for a job submitted through the API, then holds its progress', async () => {
    const { sim, clock } = await heldSimulator()
    stack = await startStack({ simulator: sim })
    const { changes } = stack.darkroom
    const first = events(changes.version())
    await vi.waitFor(() => expect(changes.waiting()).toBe(1))
    const job = await stack.createJob('z-image-turbo', { prompt: 'a spoonbill' })
    const answer = await first
    expect(answer.jobs?.items[0]?.id).toBe(job.id)
    // Sent upstream since that answer: progress only. The submit itself is not announced twice.
    await stack.waitFor(job.id, (j) => j.status === 'queued')
    expect(changes.version()).toBeGreaterThan(answer.version)
    const next = stack.api(`/api/events?after=${answer.version}&calm=10000`)
    await vi.waitFor(() => expect(changes.waiting()).toBe(1))
    clock.release(FAST_TIMING.queuedMs + FAST_TIMING.processingMs)
    const result = eventsSchema.parse(await (await next).json())
    expect(result.changed).toContain('images')
  })

  it('lets the server close at once while long-polls are held', async () => {
    stack = await startStack()
    const { changes } = stack.darkroom
    const pending = events(changes.version())
    await vi.waitFor(() => expect(changes.waiting()).toBe(1))
    await stack.restart()
    expect((await pending).changed).toEqual([])
  })
})

describe('oncePerVersion', () => {
  it('reads once for every page asking about one version, and again for a newer one', async () => {
    let reads = 0
    const read = oncePerVersion(async () => ++reads)
    expect(await Promise.all([read(7), read(7), read(7)])).toEqual([1, 1, 1])
    expect(await read(8)).toBe(2)
    expect(await read(8)).toBe(2)
    expect(reads).toBe(2)
  })

  it('forgets a read that failed, so the next page asking tries again', async () => {
    let reads = 0
    const read = oncePerVersion(async () => {
      if (++reads === 1) throw new Error('database away')
      return reads
    })
    await expect(read(3)).rejects.toThrow('database away')
    expect(await read(3)).toBe(2)
  })
})
