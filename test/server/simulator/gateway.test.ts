// The gateway contract as a client sees it: keys, validation, submission and the status lifecycle.
import { describe, expect, it } from 'vitest'
import { KEY, PATHS, get, manualClock, post, settled, start, status, submit } from './support'

const DENIED = {
  statusCode: 401,
  message: 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
}

describe('subscription key', () => {
  it('refuses requests without a key or with the wrong key', async () => {
    const sim = await start()
    const missing = await get(`${sim.url}/v2/requests/status/anything`, {})
    expect(missing).toMatchObject({ status: 401, body: DENIED })
    const wrong = await post(sim.url + PATHS['z-image-turbo'], { prompt: 'a cat' }, { 'Ocp-Apim-Subscription-Key': 'nope' })
    expect(wrong).toMatchObject({ status: 401, body: DENIED })
    expect(sim.control.submissions()).toHaveLength(0)
  })

  it('answers an unknown route with the APIM 404', async () => {
    const sim = await start()
    const res = await post(`${sim.url}/flux/v1/flux-request`, { prompt: 'a cat' })
    expect(res).toMatchObject({ status: 404, body: { statusCode: 404, message: 'Resource not found' } })
  })
})

describe('generate validation', () => {
  it.each([
    ['missing prompt', 'z-image-turbo', {}, 'Invalid parameter: prompt is required'],
    ['blank prompt', 'ernie-image', { prompt: '   ' }, 'Invalid parameter: prompt is required'],
    [
      'a field the model lacks',
      'z-image-turbo',
      { prompt: 'x', guidance_scale: 3 },
      'Invalid parameter: guidance_scale is not supported by this model',
    ],
    [
      'negative_prompt on z-image',
      'z-image-turbo',
      { prompt: 'x', negative_prompt: 'y' },
      'Invalid parameter: negative_prompt is not supported by this model',
    ],
    ['a made-up field', 'ernie-image-turbo', { prompt: 'x', style: 'anime' }, 'Invalid parameter: style is not supported by this model'],
  ] as const)('400 on %s', async (_, model, body, error) => {
    const sim = await start()
    const res = await post(sim.url + PATHS[model], body)
    expect(res).toMatchObject({ status: 400, body: { error } })
  })

  it.each([
    ['an enum value outside the options', 'ernie-image', { output_format: 'webp' }, 'output_format'],
    ['a string where a number belongs', 'ernie-image-turbo', { num_images: '2' }, 'num_images'],
    ['too many images', 'z-image-turbo', { num_images: 5 }, 'num_images'],
    ['a preset the model lacks', 'z-image-turbo', { image_size: 'square_uhd' }, 'image_size'],
    ['a custom size too small', 'ernie-image', { image_size: { width: 32, height: 512 } }, 'image_size'],
    ['a custom size too large', 'z-image-turbo', { image_size: { width: 5000, height: 512 } }, 'image_size'],
    ['a non-boolean sync_mode', 'z-image-turbo', { sync_mode: 'yes' }, 'sync_mode'],
  ] as const)('400 naming the field on %s', async (_, model, extra, field) => {
    const sim = await start()
    const res = await post(sim.url + PATHS[model], { prompt: 'a cat', ...extra })
    expect(res.status).toBe(400)
    expect(res.body.error).toMatch(new RegExp(`^Invalid parameter: ${field} `))
  })

  it('400 on a body that is not JSON, creating nothing', async () => {
    const sim = await start()
    const res = await post(sim.url + PATHS['z-image-turbo'], 'prompt=a cat')
    expect(res.status).toBe(400)
    expect(res.body.error).toEqual(expect.any(String))
    expect(sim.control.submissions()).toHaveLength(0)
  })
})

describe('submission', () => {
  it('answers 202 for the Turbo and Z-Image endpoints and 200 for Ernie 1.0', async () => {
    const sim = await start()
    const codes = await Promise.all(
      (['ernie-image-turbo', 'z-image-turbo', 'ernie-image'] as const).map(async (m) => (await post(sim.url + PATHS[m], { prompt: 'x' })).status),
    )
    expect(codes).toEqual([202, 202, 200])
  })

  it('returns a QUEUED ticket whose polling_url works on the served origin', async () => {
    const sim = await start()
    const res = await post(sim.url + PATHS['z-image-turbo'], { prompt: 'a cat' })
    expect(res.body).toEqual({
      request_id: expect.stringMatching(/^z-image-turbo-834_[0-9a-f-]{36}$/),
      status: 'QUEUED',
      polling_url: `${sim.url}/v2/requests/status/${res.body.request_id}`,
    })
    const polled = await get(res.body.polling_url)
    expect(polled.body).toMatchObject({ request_id: res.body.request_id, model_id: 'z-image-turbo-834' })
  })

  it('gives every request a distinct id prefixed with its model', async () => {
    const sim = await start()
    const a = await submit(sim.url, 'ernie-image', { prompt: 'x' })
    const b = await submit(sim.url, 'ernie-image', { prompt: 'x' })
    expect(a).toMatch(/^ernie-image_/)
    expect(a).not.toBe(b)
  })
})

describe('status lifecycle', () => {
  it('moves QUEUED → PROCESSING → COMPLETED on the configured timing', async () => {
    const clock = manualClock()
    const sim = await start({ now: clock.now, timing: { queuedMs: 600, processingMs: 1200 } })
    const id = await submit(sim.url, 'ernie-image-turbo', { prompt: 'a lighthouse', num_images: 2, output_format: 'png' })

    const queued = await status(sim.url, id)
    expect(queued.status).toBe(200)
    expect(queued.body).toMatchObject({ status: 'QUEUED', output: null, error: null, completed_at: null, model_id: 'ernie-image-turbo' })
    clock.advance(599)
    expect((await status(sim.url, id)).body.status).toBe('QUEUED')
    clock.advance(1)
    expect((await status(sim.url, id)).body).toMatchObject({ status: 'PROCESSING', output: null })
    clock.advance(1200)
    const done = (await status(sim.url, id)).body
    expect(done).toMatchObject({ status: 'COMPLETED', error: null, output: { media_type: 'image/png' } })
    expect(done.output.media_url).toEqual([0, 1].map((i) => `${sim.url}/media/${id}/output-${i}.png`))
    expect(new Date(done.completed_at).getTime() - new Date(done.created_at).getTime()).toBe(1800)
  })

  it('completes on real time with short timing', async () => {
    const sim = await start({ timing: { queuedMs: 50, processingMs: 50 } })
    const id = await submit(sim.url, 'z-image-turbo', { prompt: 'a fox' })
    expect(await settled(sim.url, id)).toMatchObject({ status: 'COMPLETED', output: { media_type: 'image/png' } })
  })

  it('404s an unknown request id', async () => {
    const sim = await start()
    const res = await status(sim.url, 'ernie-image_00000000-0000-7000-8000-000000000000')
    expect(res).toMatchObject({ status: 404, body: { error: 'Resource not found' } })
  })

  it('fails a prompt with the word nsfw when the safety checker is on', async () => {
    const sim = await start()
    const id = await submit(sim.url, 'ernie-image', { prompt: 'An NSFW scene' })
    expect(await settled(sim.url, id)).toMatchObject({
      status: 'FAILED',
      error: 'Prompt failed safety check. Please refine your input.',
      output: null,
    })
    const unchecked = await submit(sim.url, 'ernie-image', { prompt: 'An NSFW scene', enable_safety_checker: false })
    expect((await settled(sim.url, unchecked)).status).toBe('COMPLETED')
  })

  it('ends a [sim-error] prompt in ERROR', async () => {
    const sim = await start()
    const id = await submit(sim.url, 'z-image-turbo', { prompt: 'boom [sim-error]' })
    expect(await settled(sim.url, id)).toMatchObject({
      status: 'ERROR',
      error: 'Internal server error during generation',
      output: null,
    })
  })
})

describe('request recording', () => {
  it('records method, path, parsed body and lower-cased headers', async () => {
    const clock = manualClock()
    const sim = await start({ now: clock.now })
    await post(sim.url + PATHS['ernie-image'], { prompt: 'x' }, { 'X-Trace-Id': 'abc' })
    expect(sim.control.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: PATHS['ernie-image'],
        body: { prompt: 'x' },
        at: clock.now(),
        headers: expect.objectContaining({ 'ocp-apim-subscription-key': KEY, 'x-trace-id': 'abc' }),
      }),
    ])
  })
})
