// The knobs tests use to simulate trouble: wallet, rate limit, canned faults and a revoked key.
import { describe, expect, it } from 'vitest'
import { KEY, PATHS, download, manualClock, post, settled, start, status, submit } from './support'

const BROKE = { error: 'Insufficient Balance', message: 'Your wallet does not have enough balance.' }

describe('wallet', () => {
  it('charges price × num_images and answers 402 once the balance runs out', async () => {
    const sim = await start({ balanceUsd: 0.03 }) // z-image: $0.008 per image
    expect((await post(sim.url + PATHS['z-image-turbo'], { prompt: 'x', num_images: 3 })).status).toBe(202) // 0.024
    const broke = await post(sim.url + PATHS['z-image-turbo'], { prompt: 'x' }) // 0.008 > 0.006 left
    expect(broke).toMatchObject({ status: 402, body: BROKE })
    expect(sim.control.submissions()).toHaveLength(1)
    sim.control.setBalance(null)
    expect((await post(sim.url + PATHS['z-image-turbo'], { prompt: 'x' })).status).toBe(202)
  })

  it('uses the configured prices', async () => {
    const sim = await start({ balanceUsd: 1, pricesUsd: { 'ernie-image': 0.6 } })
    expect((await post(sim.url + PATHS['ernie-image'], { prompt: 'x' })).status).toBe(200)
    expect((await post(sim.url + PATHS['ernie-image'], { prompt: 'x' })).status).toBe(402)
    expect((await post(sim.url + PATHS['ernie-image-turbo'], { prompt: 'x' })).status).toBe(202)
  })

  it('refunds a job that ends in ERROR', async () => {
    const clock = manualClock()
    const sim = await start({ now: clock.now, balanceUsd: 0.02 })
    await submit(sim.url, 'ernie-image', { prompt: 'boom [sim-error]' })
    expect((await post(sim.url + PATHS['ernie-image'], { prompt: 'x' })).status).toBe(402) // charged meanwhile
    clock.advance(10_000)
    expect((await post(sim.url + PATHS['ernie-image'], { prompt: 'x' })).status).toBe(200)
  })
})

describe('rate limit', () => {
  it('answers 429 with Retry-After past the per-second limit, then recovers', async () => {
    const clock = manualClock()
    const sim = await start({ now: clock.now, rateLimitPerSecond: 2 })
    const id = await submit(sim.url, 'z-image-turbo', { prompt: 'x' })
    expect((await status(sim.url, id)).status).toBe(200)
    const limited = await status(sim.url, id)
    expect(limited).toMatchObject({
      status: 429,
      body: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 1 seconds.' },
    })
    expect(limited.headers.get('retry-after')).toBe('1')
    clock.advance(999)
    expect((await status(sim.url, id)).status).toBe(429)
    clock.advance(2)
    expect((await status(sim.url, id)).status).toBe(200)
  })
})

describe('failNext', () => {
  it('answers the next N matching requests with the canned response, then behaves again', async () => {
    const sim = await start()
    const id = await submit(sim.url, 'z-image-turbo', { prompt: 'x' })
    sim.control.failNext('status', { status: 503, body: { error: 'busy' }, headers: { 'Retry-After': '2' }, times: 2 })
    for (let i = 0; i < 2; i++) {
      const res = await status(sim.url, id)
      expect(res).toMatchObject({ status: 503, body: { error: 'busy' } })
      expect(res.headers.get('retry-after')).toBe('2')
    }
    expect((await status(sim.url, id)).status).toBe(200)
    expect(sim.control.requests.filter((r) => r.path.startsWith('/v2/'))).toHaveLength(3)
  })

  it('makes a failed generate create no job and charge nothing', async () => {
    const sim = await start({ balanceUsd: 0.008 })
    sim.control.failNext('generate', { status: 500, body: { error: 'An unexpected error occurred, please try again later' } })
    const failed = await post(sim.url + PATHS['z-image-turbo'], { prompt: 'x' })
    expect(failed).toMatchObject({ status: 500, body: { error: 'An unexpected error occurred, please try again later' } })
    expect(sim.control.submissions()).toHaveLength(0)
    expect((await post(sim.url + PATHS['z-image-turbo'], { prompt: 'x' })).status).toBe(202)
  })

  it('only touches its own route, and can fail media downloads', async () => {
    const sim = await start()
    const id = await submit(sim.url, 'z-image-turbo', { prompt: 'x' })
    sim.control.failNext('media', { status: 500 })
    const done = await settled(sim.url, id)
    expect((await download(done.output.media_url[0])).status).toBe(500)
    expect((await download(done.output.media_url[0])).status).toBe(200)
  })

  it('is cleared by reset, which keeps jobs', async () => {
    const sim = await start()
    const id = await submit(sim.url, 'z-image-turbo', { prompt: 'x' })
    sim.control.failNext('status', { status: 500 })
    sim.control.reset()
    expect(sim.control.requests).toHaveLength(0)
    expect(sim.control.submissions()).toHaveLength(0)
    expect((await status(sim.url, id)).status).toBe(200)
  })
})

describe('setApiKey', () => {
  it('revokes the old key', async () => {
    const sim = await start()
    expect((await post(sim.url + PATHS['z-image-turbo'], { prompt: 'x' })).status).toBe(202)
    sim.control.setApiKey('rotated')
    expect((await post(sim.url + PATHS['z-image-turbo'], { prompt: 'x' })).status).toBe(401)
    const fresh = await post(sim.url + PATHS['z-image-turbo'], { prompt: 'x' }, { 'Ocp-Apim-Subscription-Key': 'rotated' })
    expect(fresh.status).toBe(202)
    expect(KEY).not.toBe('rotated')
  })
})
