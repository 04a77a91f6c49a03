// No double spend starts at the gateway: a faulted submit creates and charges nothing, except the
// accept-then-* faults, which create and charge the job and then lose the answer.
import { describe, expect, it, vi } from 'vitest'
import { canned, type Fault } from '../../../server/simulator/faults'
import { PATHS, KEY, post, settled, start, status, submit } from './support'

const PRICE = 0.008 // z-image-turbo, per image
const generate = (origin: string, prompt: string, init: RequestInit = {}) =>
  fetch(origin + PATHS['z-image-turbo'], {
    method: 'POST',
    headers: { 'Ocp-Apim-Subscription-Key': KEY, 'Content-Type': 'application/json' },
    body: JSON.stringify({ prompt }),
    ...init,
  })

/**
 * A client that gives up the way a timeout would, but only once the simulator has seen what the test
 * needs (the request, or the job it created): a fixed timeout could fire before the request even
 * arrives on a busy machine, and then a 429 or a created job would look like a hang.
 */
function giveUpOnce(seen: () => boolean): AbortSignal {
  const controller = new AbortController()
  void vi
    .waitFor(() => expect(seen()).toBe(true), { timeout: 60_000, interval: 10 })
    .then(() => controller.abort(new DOMException('The client gave up waiting', 'TimeoutError')))
  return controller.signal
}
const hangs = (fault: Fault) => 'kind' in fault && (fault.kind === 'hang' || fault.kind === 'accept-then-hang')

/** What the client got: a status and body text, or how the request failed. */
async function outcome(request: Promise<Response>) {
  try {
    const res = await request
    return { status: res.status, text: await res.text() }
  } catch (error) {
    const { name, cause } = error as Error & { cause?: { code?: string } }
    return { failed: cause?.code ?? name }
  }
}

describe('a faulted submit', () => {
  it.each<[string, Fault, object]>([
    ['429', canned.rateLimited(1, false), { status: 429 }],
    ['429 with Retry-After', canned.rateLimited(1), { status: 429 }],
    ['500', canned.serverError(500), { status: 500 }],
    ['502', canned.serverError(502), { status: 502 }],
    ['503', canned.serverError(503), { status: 503 }],
    ['reset', { kind: 'reset' }, { failed: 'UND_ERR_SOCKET' }],
    ['reset with RST', { kind: 'reset', tcpReset: true }, { failed: 'ECONNRESET' }],
    ['hang', { kind: 'hang' }, { failed: 'TimeoutError' }],
    ['malformed', { kind: 'malformed' }, { status: 200, text: expect.stringMatching(/^\{"request_id":"z-image-turbo-834_/) }],
  ])('%s creates no job and charges nothing', async (_, fault, seen) => {
    const sim = await start({ balanceUsd: PRICE })
    sim.control.failNext('generate', fault)
    const signal = hangs(fault) ? giveUpOnce(() => sim.control.stats().generateCallsByPrompt['a moth'] === 1) : undefined
    const got = await outcome(generate(sim.url, 'a moth', { signal }))
    expect(got).toMatchObject(seen)
    if ('text' in got && got.status === 200) expect(() => JSON.parse(got.text)).toThrow(SyntaxError)
    expect(sim.control.submissions()).toEqual([])
    expect(sim.control.balance()).toBe(PRICE)
    expect(sim.control.stats()).toMatchObject({ acceptedSubmissions: 0, generateCallsByPrompt: { 'a moth': 1 }, submissionsByPrompt: {} })
    // The whole wallet is still there for the retry.
    expect((await generate(sim.url, 'a moth')).status).toBe(202)
    expect(sim.control.balance()).toBe(0)
    expect(sim.control.stats().submissionsByPrompt).toEqual({ 'a moth': 1 })
  })

  it('slow is not a failure: the job is created after the delay', async () => {
    const sim = await start()
    sim.control.failNext('generate', { kind: 'slow', delayMs: 300 })
    const started = Date.now()
    const res = await post(sim.url + PATHS['z-image-turbo'], { prompt: 'a moth' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect(res.status).toBe(202)
    expect(sim.control.submissions().map((s) => s.requestId)).toEqual([res.body.request_id])
  })
})

describe('accept-then-* faults', () => {
  it.each<[string, Fault, object]>([
    ['accept-then-reset', { kind: 'accept-then-reset' }, { failed: 'UND_ERR_SOCKET' }],
    ['accept-then-reset with RST', { kind: 'accept-then-reset', tcpReset: true }, { failed: 'ECONNRESET' }],
    ['accept-then-hang', { kind: 'accept-then-hang' }, { failed: 'TimeoutError' }],
    ['accept-then-malformed', { kind: 'accept-then-malformed' }, { status: 202, text: expect.stringMatching(/^\{"request_id":"z-image-turbo-834_/) }],
  ])('%s creates and charges exactly one job, which then runs to the end', async (_, fault, seen) => {
    const sim = await start({ balanceUsd: PRICE })
    sim.control.failNext('generate', fault)
    const signal = hangs(fault) ? giveUpOnce(() => sim.control.submissions().length === 1) : undefined
    const got = await outcome(generate(sim.url, 'a moth', { signal }))
    expect(got).toMatchObject(seen)
    if ('text' in got) expect(() => JSON.parse(got.text!)).toThrow(SyntaxError)
    const [job, ...others] = sim.control.submissions()
    expect(others).toEqual([])
    expect(job).toMatchObject({ model: 'z-image-turbo', body: { prompt: 'a moth' } })
    expect(sim.control.balance()).toBe(0)
    expect(sim.control.stats()).toMatchObject({ acceptedSubmissions: 1, submissionsByPrompt: { 'a moth': 1 } })
    expect((await settled(sim.url, job!.requestId)).status).toBe('COMPLETED')
    // A resubmission would be a second charge: the wallet refuses it here.
    expect((await generate(sim.url, 'a moth')).status).toBe(402)
  })
})

describe('wallet', () => {
  it('is exact in micro-dollars: three $0.008 jobs spend $0.024 to the last cent', async () => {
    const sim = await start({ balanceUsd: 0.024 }) // 0.008 * 3 is 0.024000000000000004 in floats
    for (const prompt of ['one', 'two', 'three']) expect((await generate(sim.url, prompt)).status).toBe(202)
    expect(sim.control.balance()).toBe(0)
    expect((await generate(sim.url, 'four')).status).toBe(402)
  })

  it('runs out mid-batch: of eight concurrent submits exactly five are accepted, the rest get 402', async () => {
    const sim = await start({ balanceUsd: 0.04 })
    const prompts = Array.from({ length: 8 }, (_, i) => `moth ${i}`)
    const results = await Promise.all(prompts.map((p) => post(sim.url + PATHS['z-image-turbo'], { prompt: p })))
    const codes = results.map((r) => r.status).sort()
    expect(codes).toEqual([202, 202, 202, 202, 202, 402, 402, 402])
    for (const r of results.filter((r) => r.status === 402)) {
      expect(r.body).toEqual({ error: 'Insufficient Balance', message: 'Your wallet does not have enough balance.' })
    }
    expect(sim.control.submissions()).toHaveLength(5)
    expect(sim.control.balance()).toBe(0)
  })

  it('charges per image, so a batch of two-image jobs stops where the next would not fit', async () => {
    const sim = await start({ balanceUsd: 0.05 })
    const two = (prompt: string) => post(sim.url + PATHS['z-image-turbo'], { prompt, num_images: 2 })
    expect([(await two('a')).status, (await two('b')).status, (await two('c')).status]).toEqual([202, 202, 202])
    expect((await two('d')).status).toBe(402) // 0.002 left, 0.016 needed
    expect(sim.control.balance()).toBeCloseTo(0.002, 9)
  })
})

describe('a revoked key', () => {
  it('gets 401 on submits and on polls of jobs it already started; media stays public', async () => {
    const sim = await start()
    const id = await submit(sim.url, 'z-image-turbo', { prompt: 'a moth' })
    const done = await settled(sim.url, id)
    sim.control.setApiKey('rotated')
    const denied = {
      statusCode: 401,
      message: 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
    }
    expect(await status(sim.url, id)).toMatchObject({ status: 401, body: denied })
    expect(await post(sim.url + '/z-image-turbo-834/v1/z-image-turbo-request-result', { request_id: id })).toMatchObject({
      status: 401,
      body: denied,
    })
    expect(await post(sim.url + PATHS['z-image-turbo'], { prompt: 'another' })).toMatchObject({ status: 401, body: denied })
    expect(sim.control.submissions()).toHaveLength(1)
    expect((await fetch(done.output.media_url[0])).status).toBe(200)
    const fresh = await fetch(`${sim.url}/v2/requests/status/${id}`, { headers: { 'Ocp-Apim-Subscription-Key': 'rotated' } })
    expect(fresh.status).toBe(200)
  })
})
