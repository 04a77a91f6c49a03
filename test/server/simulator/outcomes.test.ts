// Forcing how a job ends, by request id, for the next accepted job, or by a prompt pattern.
import { describe, expect, it } from 'vitest'
import { canned } from '../../../server/simulator/faults'
import { LEGACY_PATH, PATHS, manualClock, post, settled, start, status, submit } from './support'

const SAFETY = 'Prompt failed safety check. Please refine your input.'

describe('failJob', () => {
  it('ends a running job FAILED with the safety-check message by default, or any message', async () => {
    const sim = await start()
    const a = await submit(sim.url, 'z-image-turbo', { prompt: 'a calm lake' })
    const b = await submit(sim.url, 'ernie-image', { prompt: 'a calm lake' })
    sim.control.failJob(a, { outcome: 'FAILED' })
    sim.control.failJob(b, { outcome: 'FAILED', message: 'Content policy violation' })
    expect(await settled(sim.url, a)).toMatchObject({ status: 'FAILED', error: SAFETY, output: null })
    expect(await settled(sim.url, b)).toMatchObject({ status: 'FAILED', error: 'Content policy violation', output: null })
    expect((await post(sim.url + LEGACY_PATH, { request_id: a })).body).toEqual({ status: 'FAILED', request_id: a, error: SAFETY })
  })

  it('ends a job ERROR, which is refunded once it ends', async () => {
    const clock = manualClock()
    const sim = await start({ now: clock.now, balanceUsd: 0.008 })
    const id = await submit(sim.url, 'z-image-turbo', { prompt: 'a calm lake' })
    sim.control.failJob(id, { outcome: 'ERROR', message: 'GPU worker lost' })
    expect(sim.control.balance()).toBe(0)
    clock.advance(10_000)
    expect((await status(sim.url, id)).body).toMatchObject({ status: 'ERROR', error: 'GPU worker lost', output: null })
    expect(sim.control.balance()).toBe(0.008)
  })

  it("with 'next', forces the next accepted job only, skipping submits that were refused", async () => {
    const sim = await start()
    sim.control.failJob('next', { outcome: 'ERROR' })
    sim.control.failJob('next', { outcome: 'FAILED', message: 'second' })
    sim.control.failNext('generate', canned.rateLimited(1))
    expect((await post(sim.url + PATHS['z-image-turbo'], { prompt: 'refused' })).status).toBe(429)
    expect((await post(sim.url + PATHS['z-image-turbo'], { prompt: 'invalid', num_images: 9 })).status).toBe(400)
    const ids = []
    for (const prompt of ['first', 'second', 'third']) ids.push(await submit(sim.url, 'z-image-turbo', { prompt }))
    const ends = await Promise.all(ids.map(async (id) => (await settled(sim.url, id)).status))
    expect(ends).toEqual(['ERROR', 'FAILED', 'COMPLETED'])
  })

  it('refuses an unknown id or outcome', async () => {
    const sim = await start()
    expect(() => sim.control.failJob('z-image-turbo-834_nope', { outcome: 'FAILED' })).toThrow('No job z-image-turbo-834_nope')
    expect(() => sim.control.failJob('next', { outcome: 'COMPLETED' as 'FAILED' })).toThrow('FAILED or ERROR')
  })

  it('forgets pending next outcomes on reset', async () => {
    const sim = await start()
    sim.control.failJob('next', { outcome: 'FAILED' })
    sim.control.reset()
    const id = await submit(sim.url, 'z-image-turbo', { prompt: 'a calm lake' })
    expect((await settled(sim.url, id)).status).toBe('COMPLETED')
  })
})

describe('prompt patterns', () => {
  it('end matching jobs FAILED (safety check) or ERROR, others complete', async () => {
    const sim = await start({ failPromptPattern: /^doomed/i, errorPromptPattern: /crash/i })
    const failed = await submit(sim.url, 'ernie-image-turbo', { prompt: 'Doomed ship' })
    const errored = await submit(sim.url, 'ernie-image-turbo', { prompt: 'a CRASH' })
    const fine = await submit(sim.url, 'ernie-image-turbo', { prompt: 'a ship, not doomed' })
    expect(await settled(sim.url, failed)).toMatchObject({ status: 'FAILED', error: SAFETY })
    expect((await settled(sim.url, errored)).status).toBe('ERROR')
    expect((await settled(sim.url, fine)).status).toBe('COMPLETED')
  })
})
