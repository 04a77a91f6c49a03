// Each fault the simulator can inject, and what the user then sees on the job.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Job } from '../../../shared/api'
import type { Fault, FaultRoute } from '../../../server/simulator/control'
import { startStack, type Stack } from '../harness'

// Two servers: one with the default request timeout, so that an answer slowed by a busy machine is
// never mistaken for a fault, and one that gives up after a few seconds, for the faults that never
// answer at all (a hang is only told from a slow answer by a deadline).
let stack: Stack
let hanging: Stack
beforeAll(async () => {
  ;[stack, hanging] = await Promise.all([startStack(), startStack({ env: { PIXAZO_TIMEOUT_SECONDS: '5' } })])
  // The simulator's first image takes longest to render (fonts, codecs): done here, not under a deadline.
  expect((await hanging.settle((await hanging.createJob('z-image-turbo', { prompt: 'warm-up' })).id)).status).toBe('completed')
})
afterAll(async () => {
  await Promise.all([stack.close(), hanging.close()])
})
beforeEach(() => {
  for (const s of [stack, hanging]) {
    s.sim.control.reset()
    s.sim.control.setBalance(null)
  }
})

const hangs = (fault: Fault) => 'kind' in fault && (fault.kind === 'hang' || fault.kind === 'accept-then-hang')
/** The server a fault is tried on. */
const on = (fault: Fault) => (hangs(fault) ? hanging : stack)

let n = 0
async function runWith(route: FaultRoute, fault: Fault, model = 'ernie-image-turbo'): Promise<Job> {
  const s = on(fault)
  s.sim.control.failNext(route, fault)
  return s.settle((await s.createJob(model, { prompt: `fault ${route} ${n++}` })).id)
}
const submits = (s = stack) => s.sim.control.stats().acceptedSubmissions

describe('faults on submit', () => {
  it('a 429 with Retry-After: the job shows Retrying with the reason and the time, then completes', async () => {
    stack.sim.control.failNext('generate', {
      status: 429,
      body: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 1 seconds.' },
      headers: { 'Retry-After': '1' },
    })
    const created = await stack.createJob('ernie-image-turbo', { prompt: 'patient' })
    const retrying = await stack.waitFor(created.id, (j) => j.retry !== null)
    expect(retrying.status).toBe('waiting')
    expect(retrying.retry!.reason).toBe('Pixazo is rate-limiting (429): Rate limit is exceeded. Try again in 1 seconds.')
    // Retry-After: 1 is honoured: the next attempt is at least a second after the 429 was answered.
    const refused = stack.sim.control.requests.find((r) => r.method === 'POST')!
    expect(Date.parse(retrying.retry!.nextAttemptAt) - refused.at).toBeGreaterThanOrEqual(1000)
    expect((await stack.settle(created.id)).status).toBe('completed')
    expect(submits()).toBe(1)
  })

  it('a slow answer: the job just takes longer', async () => {
    expect((await runWith('generate', { kind: 'slow', delayMs: 400 })).status).toBe('completed')
  })

  it.each([
    ['accept-then-reset', { kind: 'accept-then-reset' }, 1],
    ['accept-then-hang', { kind: 'accept-then-hang' }, 1],
    ['accept-then-malformed', { kind: 'accept-then-malformed' }, 1],
    ['a reset before anything was taken', { kind: 'reset' }, 0],
    ['a hung connection', { kind: 'hang' }, 0],
    ['a malformed 200', { kind: 'malformed' }, 0],
  ] as const)('%s: Submission uncertain, with the facts, and never resent', async (_, fault, accepted) => {
    const job = await runWith('generate', fault as Fault)
    expect(job.status).toBe('uncertain')
    expect(job.error?.action).toMatch(/Check your Pixazo dashboard/)
    expect(job.error?.message.length).toBeGreaterThan(5)
    expect(submits(on(fault as Fault))).toBe(accepted)
    expect(on(fault as Fault).sim.control.stats().requestsByRoute.generate).toBe(1)
  })

  it('402 when the wallet runs out mid-batch: the rest fail with the balance message', async () => {
    stack.sim.control.setBalance(0.02) // two Z-Image images at $0.008
    const jobs = await Promise.all([0, 1, 2].map(async (i) => stack.settle((await stack.createJob('z-image-turbo', { prompt: `wallet ${i}` })).id)))
    expect(jobs.map((j) => j.status).sort()).toEqual(['completed', 'completed', 'failed'])
    const broke = jobs.find((j) => j.status === 'failed')!
    expect(broke.error).toMatchObject({ code: 'http_402', message: 'Insufficient Balance: Your wallet does not have enough balance.' })
    expect(broke.error?.action).toMatch(/Top up your Pixazo wallet/)
  })
})

describe('faults while polling', () => {
  it.each([
    ['a reset', { kind: 'reset' }],
    ['a hung connection', { kind: 'hang' }],
    ['a malformed body', { kind: 'malformed' }],
    ['a 503', { status: 503, body: { error: 'Service Unavailable' } }],
  ] as const)('%s: retried, and the job completes without a second submit', async (_, fault) => {
    expect((await runWith('status', fault as Fault)).status).toBe('completed')
    expect(submits(on(fault as Fault))).toBe(1)
  })

  it('an unknown status word: shown as it came, polling goes on', async () => {
    stack.sim.control.failNext('status', { kind: 'unknown-status', word: 'WARMING_UP', times: 3 })
    const created = await stack.createJob('ernie-image-turbo', { prompt: 'warming' })
    expect((await stack.waitFor(created.id, (j) => j.upstreamStatus === 'WARMING_UP')).status).toMatch(/queued|processing/)
    expect((await stack.settle(created.id)).status).toBe('completed')
  })

  it('a 404 for a known id: failed, saying Pixazo does not know the request', async () => {
    const job = await runWith('status', { status: 404, body: { error: 'Resource not found' }, times: 50 })
    expect(job.error).toMatchObject({ code: 'http_404', message: 'Resource not found', action: expect.stringMatching(/does not know this request/) })
  })

  it('FAILED and ERROR outcomes keep the vendor words', async () => {
    stack.sim.control.failJob('next', { outcome: 'FAILED', message: 'Prompt failed safety check. Please refine your input.' })
    const failed = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'judged' })).id)
    expect(failed.error).toMatchObject({ code: 'FAILED', message: 'Prompt failed safety check. Please refine your input.' })
    stack.sim.control.failJob('next', { outcome: 'ERROR', message: 'GPU worker lost' })
    const errored = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'unlucky' })).id)
    expect(errored.error).toMatchObject({ code: 'ERROR', message: 'GPU worker lost', action: expect.stringMatching(/not charged/) })
  })

  it('401 once the key is revoked: failed, saying the key is wrong', async () => {
    const created = await stack.waitFor((await stack.createJob('ernie-image', { prompt: 'revoked' })).id, (j) => j.status === 'queued')
    stack.sim.control.setApiKey('someone-else')
    const job = await stack.settle(created.id)
    stack.sim.control.setApiKey((await import('../harness')).TEST_KEY)
    expect(job.error).toMatchObject({ code: 'http_401', action: expect.stringMatching(/key is wrong/) })
  })
})

describe('faults on the media download', () => {
  it.each([
    ['a 404', { status: 404, body: { error: 'Resource not found' } }],
    ['a hung download', { kind: 'hang' }],
    ['a truncated file', { kind: 'truncate' }],
    ['a body that is not an image', { kind: 'not-image' }],
  ] as const)('%s once: downloaded again, never generated again', async (_, fault) => {
    const job = await runWith('media', fault as Fault)
    expect(job.status).toBe('completed')
    expect(job.images[0]!.bytes).toBeGreaterThan(1000)
    expect(submits(on(fault as Fault))).toBe(1)
  })

  it('the wrong content type: the bytes decide', async () => {
    const job = await runWith('media', { kind: 'wrong-type', contentType: 'application/octet-stream' }, 'z-image-turbo')
    expect(job.images[0]).toMatchObject({ mimeType: 'image/png' })
  })

  it('an oversized file: refused at the cap, with a Retry download action', async () => {
    const job = await runWith('media', { kind: 'oversized', bytes: 45 * 1024 * 1024, times: 10 })
    expect(job).toMatchObject({ status: 'download_failed', error: { code: 'download', message: expect.stringMatching(/over the \d+-byte limit/) } })
    expect(job.error?.action).toMatch(/nothing is regenerated/)
  })
})
