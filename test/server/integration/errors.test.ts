import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { apiErrorSchema } from '../../../shared/api'
import { startStack, type Stack } from '../harness'

let stack: Stack
beforeAll(async () => {
  stack = await startStack()
})
afterAll(async () => {
  await stack.close()
})
beforeEach(() => stack.sim.control.reset())

const upstreamCalls = () => stack.sim.control.requests.length

async function refused(body: unknown, init: RequestInit = {}) {
  const res = await stack.api('/api/jobs', { method: 'POST', ...(init.body ? init : { json: body }) })
  const parsed = apiErrorSchema.parse(await res.json())
  return { status: res.status, ...parsed.error }
}

describe('bad input at POST /api/jobs', () => {
  it('refuses an empty prompt, naming the field, and sends nothing upstream', async () => {
    const err = await refused({ model: 'ernie-image-turbo', params: { prompt: '' } })
    expect(err).toMatchObject({ status: 400, fields: { prompt: 'Prompt is required' } })
    expect(err.message).toContain('Prompt is required')
    expect(upstreamCalls()).toBe(0)
  })

  it('refuses steps and sizes out of range with the limit', async () => {
    expect(await refused({ model: 'z-image-turbo', params: { prompt: 'x', num_inference_steps: 50 } })).toMatchObject({
      status: 400,
      fields: { num_inference_steps: 'Steps must be between 1 and 8' },
    })
    const size = await refused({ model: 'ernie-image', params: { prompt: 'x', image_size: { width: 5000, height: 5000 } } })
    expect(size.fields?.image_size).toMatch(/at most 1536 px/)
    expect(upstreamCalls()).toBe(0)
  })

  it('refuses a field the model lacks', async () => {
    expect(await refused({ model: 'z-image-turbo', params: { prompt: 'x', negative_prompt: 'blur' } })).toMatchObject({
      status: 400,
      fields: { negative_prompt: 'Z-Image Turbo has no parameter "negative_prompt"' },
    })
  })

  it('refuses an unknown model, unknown top-level fields, malformed JSON and oversized bodies', async () => {
    expect((await refused({ model: 'dall-e', params: { prompt: 'x' } })).fields).toHaveProperty('model')
    expect((await refused({ model: 'ernie-image', params: { prompt: 'x' }, price: 0 })).fields).toHaveProperty('price')
    const malformed = await refused(null, { body: '{"model":', headers: { 'Content-Type': 'application/json' } })
    expect(malformed.status).toBe(400)
    const huge = await refused({ model: 'ernie-image', params: { prompt: 'x'.repeat(70_000) } })
    expect(huge.status).toBe(413)
    expect(upstreamCalls()).toBe(0)
  })

  it('refuses a bad page size or cursor on the gallery', async () => {
    expect((await stack.api('/api/images?limit=0')).status).toBe(400)
    expect((await stack.api('/api/images?cursor=bm9wZQ')).status).toBe(400)
    expect((await stack.api('/api/jobs/does-not-exist')).status).toBe(404)
  })
})

describe('upstream errors reach the user with the vendor words and a next step', () => {
  const cases = [
    { status: 400, body: { error: 'Invalid parameter: prompt is required' }, message: 'Invalid parameter: prompt is required', action: /Adjust/ },
    {
      status: 401,
      body: { statusCode: 401, message: 'Access denied due to invalid subscription key.' },
      message: 'Access denied due to invalid subscription key.',
      action: /key is wrong/,
    },
    {
      status: 402,
      body: { error: 'Insufficient Balance', message: 'Your wallet does not have enough balance.' },
      message: 'Insufficient Balance: Your wallet does not have enough balance.',
      action: /balance is too low/,
    },
    {
      status: 429,
      body: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 60 seconds.' },
      message: 'Rate limit is exceeded. Try again in 60 seconds.',
      action: /rate-limiting/,
    },
    {
      status: 500,
      body: { error: 'An unexpected error occurred, please try again later' },
      message: 'An unexpected error occurred, please try again later',
      action: /server error/,
    },
  ]

  it.each(cases)('a lasting $status on submit fails the job with a specific message', async ({ status, body, message, action }) => {
    stack.sim.control.failNext('generate', { status, body, times: 100 })
    const job = await stack.settle((await stack.createJob('ernie-image-turbo', { prompt: `hits ${status}` })).id)
    expect(job.status).toBe('failed')
    expect(job.error).toEqual({ code: `http_${status}`, message, action: expect.stringMatching(action) })
  })

  it.each([429, 500, 502, 503])('a passing %s on submit is retried, and the job is submitted once', async (status) => {
    stack.sim.control.failNext('generate', { status, body: { error: 'try later' }, times: 2 })
    const job = await stack.settle((await stack.createJob('ernie-image-turbo', { prompt: `transient ${status}` })).id)
    expect(job.status).toBe('completed')
    expect(stack.sim.control.submissions()).toHaveLength(1)
  })

  it('a real empty wallet on the simulator gives the 402 message', async () => {
    stack.sim.control.setBalance(0)
    const job = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'broke' })).id)
    expect(job.error?.action).toMatch(/Top up your Pixazo wallet/)
    stack.sim.control.setBalance(null)
  })

  it('keeps polling through a 503 on status and still completes', async () => {
    stack.sim.control.failNext('status', { status: 503, body: { error: 'Service Unavailable' }, times: 2 })
    const job = await stack.settle((await stack.createJob('ernie-image-turbo', { prompt: 'patient' })).id)
    expect(job.status).toBe('completed')
  })

  it('refuses to download results from a host that is not allowed', async () => {
    stack.sim.control.failNext('status', {
      status: 200,
      body: { status: 'COMPLETED', output: { media_url: ['https://evil.example/x.png'], media_type: 'image/png' } },
      times: 100,
    })
    const job = await stack.settle((await stack.createJob('ernie-image-turbo', { prompt: 'exfiltrate' })).id)
    expect(job.status).toBe('download_failed')
    expect(job.error).toMatchObject({ code: 'download', message: expect.stringContaining('Refused to download from https://evil.example') })
    expect(stack.sim.control.requests.some((r) => r.path.includes('evil'))).toBe(false)
  })

  it('refuses a result that is not an image, whatever its label says', async () => {
    stack.sim.control.failNext('media', { status: 200, body: 'this is not a picture', headers: { 'content-type': 'image/png' }, times: 10 })
    const job = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'fake' })).id)
    expect(job.error).toMatchObject({ code: 'download', message: expect.stringContaining('not a PNG, JPEG or WebP') })
  })

  it('accepts results sent as data URIs', async () => {
    const { renderImage } = await import('../../../server/simulator/image')
    const png = await renderImage({ prompt: 'inline', seed: 1, width: 64, height: 48, format: 'png' })
    stack.sim.control.failNext('status', {
      status: 200,
      body: { status: 'COMPLETED', output: { media_url: [`data:image/png;base64,${png.toString('base64')}`], media_type: 'image/png' } },
      times: 100,
    })
    const job = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'inline' })).id)
    expect(job.status).toBe('completed')
    expect(job.images[0]).toMatchObject({ width: 64, height: 48, mimeType: 'image/png' })
  })
})
