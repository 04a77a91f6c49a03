// Injected faults as a client sees them over real HTTP, on every route they apply to.
import { describe, expect, it } from 'vitest'
import { canned, type FaultRoute } from '../../../server/simulator/faults'
import { completedJob, raw, rejection, requestOn, start, status, LEGACY_PATH, KEY } from './support'

const ROUTES: FaultRoute[] = ['generate', 'status', 'legacy', 'media']
const keyed = { 'Ocp-Apim-Subscription-Key': KEY }

describe('canned gateway errors', () => {
  it.each([
    ['429 without Retry-After', canned.rateLimited(5, false), null, { statusCode: 429, message: 'Rate limit is exceeded. Try again in 5 seconds.' }],
    ['429 with Retry-After', canned.rateLimited(3), '3', { statusCode: 429, message: 'Rate limit is exceeded. Try again in 3 seconds.' }],
    ['500', canned.serverError(500), null, { error: 'An unexpected error occurred, please try again later' }],
    ['502', canned.serverError(502), null, { error: 'Bad Gateway' }],
    ['503', canned.serverError(503), null, { error: 'Service Unavailable' }],
  ] as const)('%s, on every route, once', async (_, fault, retryAfter, body) => {
    const sim = await start()
    const job = await completedJob(sim.url)
    for (const route of ROUTES) {
      sim.control.failNext(route, fault)
      const res = await requestOn(route, sim.url, job)
      expect({ route, status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() }).toEqual({
        route,
        status: fault.status,
        retryAfter,
        body,
      })
      expect((await requestOn(route, sim.url, job)).status).toBeLessThan(300)
    }
  })

  it('404 for a request id the gateway handed out, then knows it again', async () => {
    const sim = await start()
    const job = await completedJob(sim.url)
    sim.control.failNext('status', canned.notFound())
    expect(await status(sim.url, job.id)).toMatchObject({ status: 404, body: { error: 'Resource not found' } })
    expect(await status(sim.url, job.id)).toMatchObject({ status: 200, body: { request_id: job.id, status: 'COMPLETED' } })
  })
})

describe('connection faults', () => {
  // Observed with Node 20's fetch (undici): a quiet close rejects with TypeError "fetch failed" whose
  // cause is SocketError "other side closed", code UND_ERR_SOCKET; a TCP RST with cause
  // Error "read ECONNRESET", code ECONNRESET.
  it.each(ROUTES)('reset on %s: fetch rejects, the next request is answered', async (route) => {
    const sim = await start()
    const job = await completedJob(sim.url)
    sim.control.failNext(route, { kind: 'reset' })
    expect(await rejection(requestOn(route, sim.url, job))).toEqual({ name: 'TypeError', message: 'fetch failed', code: 'UND_ERR_SOCKET' })
    sim.control.failNext(route, { kind: 'reset', tcpReset: true })
    expect(await rejection(requestOn(route, sim.url, job))).toEqual({ name: 'TypeError', message: 'fetch failed', code: 'ECONNRESET' })
    expect((await requestOn(route, sim.url, job)).status).toBeLessThan(300)
    expect(sim.control.stats().faultsInjected).toEqual({ [`${route}:reset`]: 2 })
  })

  it.each(ROUTES)('hang on %s: no answer until the client gives up (TimeoutError)', async (route) => {
    const sim = await start()
    const job = await completedJob(sim.url)
    sim.control.failNext(route, { kind: 'hang' })
    const started = Date.now()
    expect(await rejection(requestOn(route, sim.url, job, { signal: AbortSignal.timeout(300) }))).toMatchObject({ name: 'TimeoutError' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect((await requestOn(route, sim.url, job)).status).toBeLessThan(300)
  })

  it('slow answers correctly after the delay, without holding up other requests', async () => {
    const sim = await start()
    const job = await completedJob(sim.url)
    sim.control.failNext('status', { kind: 'slow', delayMs: 1500 })
    const before = sim.control.requests.length
    const started = Date.now()
    let slowAnswered = false
    const slow = status(sim.url, job.id).then((res) => ((slowAnswered = true), { ...res, at: Date.now() - started }))
    // The slow request is in the simulator's hands before the quick one is sent.
    await expect.poll(() => sim.control.requests.length).toBe(before + 1)
    const quick = await status(sim.url, job.id)
    expect(slowAnswered).toBe(false)
    expect(quick.body.status).toBe('COMPLETED')
    const late = await slow
    expect(late.at).toBeGreaterThanOrEqual(1490)
    expect(late).toMatchObject({ status: 200, body: { request_id: job.id, status: 'COMPLETED' } })
  })
})

describe('bad bodies', () => {
  it.each(['status', 'legacy'] as const)('malformed on %s: 200 with the real JSON cut in half', async (route) => {
    const sim = await start()
    const job = await completedJob(sim.url)
    sim.control.failNext(route, { kind: 'malformed' })
    const bad = await requestOn(route, sim.url, job)
    const text = await bad.text()
    const whole = await (await requestOn(route, sim.url, job)).text()
    expect(bad.status).toBe(200)
    expect(bad.headers.get('content-type')).toBe('application/json')
    expect(() => JSON.parse(text)).toThrow(SyntaxError)
    expect(text).toBe(whole.slice(0, Math.floor(whole.length / 2)))
  })

  it('unknown status word on status and legacy, the rest of the body intact', async () => {
    const sim = await start()
    const job = await completedJob(sim.url)
    const good = await status(sim.url, job.id)
    sim.control.failNext('status', { kind: 'unknown-status' })
    expect(await status(sim.url, job.id)).toMatchObject({ status: 200, body: { ...good.body, status: 'WARMING_UP' } })
    sim.control.failNext('legacy', { kind: 'unknown-status', word: 'IN_LIMBO' })
    const legacy = await raw(sim.url + LEGACY_PATH, {
      method: 'POST',
      headers: { ...keyed, 'Content-Type': 'application/json' },
      body: JSON.stringify({ request_id: job.id }),
    })
    expect(JSON.parse(legacy.text)).toMatchObject({ request_id: job.id, status: 'IN_LIMBO', images: [expect.any(Object)] })
    expect((await status(sim.url, job.id)).body.status).toBe('COMPLETED')
  })
})

describe('failNext', () => {
  it('refuses faults that cannot happen on a route, so a typo fails the test', async () => {
    const sim = await start()
    expect(() => sim.control.failNext('status', { kind: 'truncate' })).toThrow('applies to media, not status')
    expect(() => sim.control.failNext('media', { kind: 'accept-then-reset' })).toThrow('applies to generate, not media')
    expect(() => sim.control.failNext('media', { kind: 'malformed' })).toThrow('not media')
    expect(() => sim.control.failNext('status', { kind: 'melt' as 'hang' })).toThrow('Unknown fault kind "melt"')
    expect(() => sim.control.failNext('status', { kind: 'hang', times: 0 })).toThrow('times')
    expect(() => sim.control.failNext('status', { status: 42 })).toThrow('Bad canned status 42')
  })

  it('serves queued faults in order, each for its times, and counts them by label', async () => {
    const sim = await start()
    const job = await completedJob(sim.url)
    sim.control.failNext('status', { ...canned.rateLimited(1), times: 2 })
    sim.control.failNext('status', { kind: 'unknown-status' })
    sim.control.failNext('status', canned.serverError(502))
    const seen = []
    for (let i = 0; i < 5; i++) {
      const res = await status(sim.url, job.id)
      seen.push(res.status === 200 ? res.body.status : res.status)
    }
    expect(seen).toEqual([429, 429, 'WARMING_UP', 502, 'COMPLETED'])
    expect(sim.control.stats().faultsInjected).toEqual({ 'status:429-retry-after': 2, 'status:unknown-status': 1, 'status:502': 1 })
  })
})
