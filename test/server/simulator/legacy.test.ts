// Z-Image's older fal-style result endpoint.
import { describe, expect, it } from 'vitest'
import { LEGACY_PATH, manualClock, post, start, submit } from './support'

describe('legacy z-image result endpoint', () => {
  it('speaks IN_QUEUE → IN_PROGRESS → COMPLETED with images, seed and prompt', async () => {
    const clock = manualClock()
    const sim = await start({ now: clock.now, timing: { queuedMs: 100, processingMs: 100 } })
    const id = await submit(sim.url, 'z-image-turbo', { prompt: 'a heron', seed: 7, image_size: 'square', num_images: 2 })
    const result = () => post(sim.url + LEGACY_PATH, { request_id: id })

    expect(await result()).toMatchObject({ status: 200, body: { request_id: id, status: 'IN_QUEUE', queue_position: 0 } })
    clock.advance(100)
    expect((await result()).body).toMatchObject({ request_id: id, status: 'IN_PROGRESS' })
    clock.advance(100)
    const done = (await result()).body
    expect(done).toMatchObject({ status: 'COMPLETED', seed: 7, prompt: 'a heron' })
    expect(done.images).toEqual(
      [0, 1].map((i) => ({
        url: `${sim.url}/media/${id}/output-${i}.png`,
        width: 512,
        height: 512,
        content_type: 'image/png',
      })),
    )
  })

  it('reports the random seed it picked when none was sent', async () => {
    const clock = manualClock()
    const sim = await start({ now: clock.now })
    const id = await submit(sim.url, 'z-image-turbo', { prompt: 'a heron' })
    clock.advance(10_000)
    const { body } = await post(sim.url + LEGACY_PATH, { request_id: id })
    expect(Number.isInteger(body.seed)).toBe(true)
    expect((await post(sim.url + LEGACY_PATH, { request_id: id })).body.seed).toBe(body.seed)
  })

  it('reports a safety failure as FAILED', async () => {
    const clock = manualClock()
    const sim = await start({ now: clock.now })
    const id = await submit(sim.url, 'z-image-turbo', { prompt: 'nsfw please' })
    clock.advance(10_000)
    expect((await post(sim.url + LEGACY_PATH, { request_id: id })).body).toEqual({
      status: 'FAILED',
      request_id: id,
      error: 'Prompt failed safety check. Please refine your input.',
    })
  })

  it('knows only Z-Image ids', async () => {
    const sim = await start()
    const ernie = await submit(sim.url, 'ernie-image', { prompt: 'a heron' })
    expect(await post(sim.url + LEGACY_PATH, { request_id: ernie })).toMatchObject({ status: 404, body: { error: 'Resource not found' } })
    expect((await post(sim.url + LEGACY_PATH, { request_id: 'z-image-turbo-834_nope' })).status).toBe(404)
    expect((await post(sim.url + LEGACY_PATH, {})).status).toBe(400)
  })
})
