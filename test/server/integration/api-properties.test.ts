// Property-based: whatever arrives at the app's API, the answer is never a 500, every refusal is a
// 4xx in the one error shape, and nothing refused ever reaches the gateway.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiErrorSchema, type Job } from '../../../shared/api'
import { MODEL_IDS, PARAM_NAMES } from '../../../shared/catalogue'
import { startStack, type Stack } from '../harness'

let stack: Stack
let created = 0
beforeAll(async () => {
  stack = await startStack()
})
afterAll(async () => {
  await stack.close()
})

const RUNS = { numRuns: 150 }
const generateCalls = () => stack.sim.control.requests.filter((r) => r.method === 'POST' && r.path.endsWith('-request')).length

async function call(method: string, path: string, body?: string) {
  const res = await stack.darkroom.app.request(path, {
    method,
    body,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
  })
  expect(res.status, `${method} ${path} ${body?.slice(0, 200)}`).toBeLessThan(500)
  if (res.status === 201 && path === '/api/jobs') created++
  if (res.status >= 400) {
    const parsed = apiErrorSchema.safeParse(await res.json())
    expect(parsed.success, `error body of ${method} ${path}`).toBe(true)
    expect(parsed.data!.error.message.length).toBeGreaterThan(0)
  }
  return res.status
}

/** Values that break validators: absurd numbers, wrong types, huge strings, nesting. */
const nasty = fc.oneof(
  fc.anything(),
  fc.double(),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -0, 0.5, '', ' ', '8', 'true', null, [], {}, { width: 1e9, height: -1 }),
  fc.string({ maxLength: 3000 }),
)
const paramsLike = fc.dictionary(fc.oneof(fc.constantFrom(...PARAM_NAMES, 'sync_mode', '__proto__', 'constructor'), fc.string()), nasty, {
  maxKeys: 12,
})
const bodyLike = fc.oneof(
  fc.anything().map((v) => JSON.stringify(v) ?? ''),
  fc
    .record({ model: fc.oneof(fc.constantFrom(...MODEL_IDS), fc.string()), params: fc.oneof(paramsLike, nasty) }, { requiredKeys: [] })
    .map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 500 }),
)

describe('the API under random input', () => {
  it('POST /api/jobs refuses bad bodies with a 4xx and sends nothing refused upstream', async () => {
    await fc.assert(
      fc.asyncProperty(bodyLike, async (body) => void (await call('POST', '/api/jobs', body))),
      RUNS,
    )
    // Once every accepted job has been sent (none waiting or submitting), compare: one upstream submit each.
    await expect
      .poll(
        async () => {
          const { items }: { items: Job[] } = await (await stack.darkroom.app.request('/api/jobs?limit=200')).json()
          return items.filter((j) => j.status === 'waiting' || j.status === 'submitting').length
        },
        { timeout: 60_000 },
      )
      .toBe(0)
    expect(generateCalls()).toBe(created)
  })

  it('query strings and path segments never cause a 500', async () => {
    const segment = fc.string({ maxLength: 80 }).map(encodeURIComponent)
    await fc.assert(
      fc.asyncProperty(segment, segment, fc.constantFrom('GET', 'DELETE', 'POST'), async (a, b, method) => {
        await call('GET', `/api/images?limit=${a}&cursor=${b}`)
        await call('GET', `/api/jobs?limit=${a}`)
        await call(method, `/api/images/${a}/file`)
        await call(method, `/api/images/${a}`)
        await call(method, `/api/jobs/${a}`)
        await call('POST', `/api/jobs/${a}/${fc.sample(fc.constantFrom('retry', 'recheck', 'cancel'), 1)[0]}`)
        expect(await call('POST', `/api/webhooks/pixazo/${a}/${b || 'x'}`, '{}')).toBe(404)
      }),
      RUNS,
    )
  })

  it('absurd numbers in an otherwise valid job are refused by name', async () => {
    const field = fc.constantFrom('num_inference_steps', 'guidance_scale', 'num_images', 'seed')
    const absurd = fc.oneof(
      fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -1, 0.25, 1e10),
      fc.double({ min: 3e9, noNaN: true, noDefaultInfinity: true }),
    )
    await fc.assert(
      fc.asyncProperty(field, absurd, async (name, value) => {
        const before = generateCalls()
        const res = await stack.darkroom.app.request('/api/jobs', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ model: 'ernie-image', params: { prompt: 'x', [name]: value } }),
        })
        expect(res.status).toBe(400)
        expect((await res.json()).error.fields).toHaveProperty(name)
        expect(generateCalls()).toBe(before)
      }),
      RUNS,
    )
  })
})
