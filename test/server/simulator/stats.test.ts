// The simulator's counters: requests per route, the busiest window, submissions per prompt.
import { describe, expect, it } from 'vitest'
import { canned } from '../../../server/simulator/faults'
import { maxInWindow } from '../../../server/simulator/stats'
import { download, get, manualClock, post, PATHS, settled, start, status, submit } from './support'

describe('maxRequestsInAnyWindow', () => {
  it('counts requests less than the window apart, at every offset', () => {
    expect(maxInWindow([], 1000)).toBe(0)
    expect(maxInWindow([5], 1000)).toBe(1)
    // 0–999 holds three; 500–1499 holds four (500, 999, 1000, 1001); 1000 apart is two windows.
    expect(maxInWindow([0, 500, 999, 1000, 1001], 1000)).toBe(4)
    expect(maxInWindow([0, 1000, 2000, 3000], 1000)).toBe(1)
    expect(maxInWindow([0, 1000, 2000, 3000], 1001)).toBe(2)
    expect(maxInWindow([999, 1000, 1001], 2)).toBe(2)
  })

  it('reads the arrival times of real requests, media left out unless asked for', async () => {
    const clock = manualClock()
    const sim = await start({ now: clock.now, timing: { queuedMs: 0, processingMs: 0 } })
    const id = await submit(sim.url, 'z-image-turbo', { prompt: 'a kite', image_size: 'square' }) // t=0
    const done = await settled(sim.url, id) // t=0
    clock.advance(700)
    await status(sim.url, id) // t=700
    clock.advance(600)
    await status(sim.url, id) // t=1300
    await download(done.output.media_url[0]) // t=1300, media
    await download(done.output.media_url[0]) // t=1300, media
    clock.advance(1)
    await get(`${sim.url}/v2/requests/status/unknown`, {}) // t=1301, refused (no key) but it arrived
    const stats = sim.control.stats()
    expect(stats.maxRequestsInAnyWindow()).toBe(3) // 0, 0, 700 or 700, 1300, 1301
    expect(stats.maxRequestsInAnyWindow(1000, ['generate', 'status', 'legacy', 'media', 'other'])).toBe(5) // 700 … 1301
    expect(stats.maxRequestsInAnyWindow(1301)).toBe(4) // 0, 0, 700, 1300
    expect(stats.maxRequestsInAnyWindow(1302)).toBe(5)
    expect(stats.maxRequestsInAnyWindow(1, ['media'])).toBe(2)
    expect(() => stats.maxRequestsInAnyWindow(0)).toThrow('longer than 0')
  })
})

describe('stats', () => {
  it('count requests by route, faults by label, and submits by prompt and by request id', async () => {
    const sim = await start()
    sim.control.failNext('generate', canned.rateLimited(1))
    expect((await post(sim.url + PATHS['z-image-turbo'], { prompt: 'a kite' })).status).toBe(429)
    const kite = await submit(sim.url, 'z-image-turbo', { prompt: 'a kite' })
    const owl = await submit(sim.url, 'ernie-image', { prompt: 'an owl' })
    expect((await post(sim.url + PATHS['ernie-image'], { prompt: 'an owl', num_images: 9 })).status).toBe(400)
    await settled(sim.url, kite)
    await post(`${sim.url}/z-image-turbo-834/v1/z-image-turbo-request-result`, { request_id: kite })
    await post(`${sim.url}/flux/v1/flux-request`, { prompt: 'elsewhere' })

    const stats = sim.control.stats()
    expect(stats).toMatchObject({
      acceptedSubmissions: 2,
      submissionsByRequestId: { [kite]: 1, [owl]: 1 },
      submissionsByPrompt: { 'a kite': 1, 'an owl': 1 },
      generateCallsByPrompt: { 'a kite': 2, 'an owl': 2 },
      faultsInjected: { 'generate:429-retry-after': 1 },
    })
    expect(stats.requestsByRoute).toEqual({ generate: 4, status: expect.any(Number), legacy: 1, media: 0, other: 1 })
    expect(stats.requestsByRoute.status).toBeGreaterThanOrEqual(1)
  })

  it('start again from zero after reset', async () => {
    const sim = await start()
    sim.control.failNext('status', canned.serverError())
    const id = await submit(sim.url, 'z-image-turbo', { prompt: 'a kite' })
    await status(sim.url, id)
    sim.control.reset()
    const stats = sim.control.stats()
    expect(stats).toMatchObject({ acceptedSubmissions: 0, submissionsByPrompt: {}, generateCallsByPrompt: {}, faultsInjected: {} })
    expect(stats.requestsByRoute).toEqual({ generate: 0, status: 0, legacy: 0, media: 0, other: 0 })
    expect(stats.maxRequestsInAnyWindow()).toBe(0)
  })
})

describe('client manners', () => {
  it('count requests refused by the rate limit, and the most jobs running upstream at once', async () => {
    const clock = manualClock()
    const sim = await start({ now: clock.now, rateLimitPerSecond: 3, timing: { queuedMs: 1000, processingMs: 1000 } })
    const one = await submit(sim.url, 'z-image-turbo', { prompt: 'one' }) // runs 0–2000
    clock.advance(400)
    await submit(sim.url, 'z-image-turbo', { prompt: 'two' }) // runs 400–2400
    clock.advance(100)
    await status(sim.url, one) // t=500: the third request in a second
    clock.advance(100)
    expect((await post(sim.url + PATHS['z-image-turbo'], { prompt: 'four' })).status).toBe(429) // t=600: a fourth, refused
    expect(sim.control.stats()).toMatchObject({ rateLimited: 1, maxJobsAtOnce: 2, acceptedSubmissions: 2 })
    clock.advance(900)
    await submit(sim.url, 'z-image-turbo', { prompt: 'three' }) // runs 1500–3500, beside one and two
    expect(sim.control.stats().maxJobsAtOnce).toBe(3)
    clock.advance(500)
    await submit(sim.url, 'z-image-turbo', { prompt: 'five' }) // runs 2000–4000: one has just ended
    expect(sim.control.stats()).toMatchObject({ rateLimited: 1, maxJobsAtOnce: 3, acceptedSubmissions: 4 })
    sim.control.reset()
    expect(sim.control.stats()).toMatchObject({ rateLimited: 0, maxJobsAtOnce: 0 })
  })
})
