// With PUBLIC_URL set, the gateway's callback makes a job finish sooner than the polling fallback
// would; a callback is only a hint, so forged ones change nothing.
import { afterEach, describe, expect, it } from 'vitest'
import type { Job } from '../../../shared/api'
import { freePort, heldSimulator, startStack, type Stack } from '../harness'

let stack: Stack
afterEach(async () => {
  await stack?.close()
})

/** The first fallback poll is due after the test's own timeout: only a callback can finish a job in time. */
const SLOW_FALLBACK = { firstMs: 120_000, minMs: 120_000, maxMs: 120_000 }

/** A stack whose gateway clock starts held: its jobs stay QUEUED until `clock.release()`. */
async function webhookStack() {
  const port = await freePort()
  const { sim, clock } = await heldSimulator()
  const stack = await startStack({ simulator: sim, env: { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` }, poll: SLOW_FALLBACK })
  return { stack, clock }
}

const statusReads = () => stack.sim.control.requests.filter((r) => r.path.startsWith('/v2/requests/status/')).length

describe('webhooks', () => {
  it('completes a job through the callback, before the first fallback poll is due', async () => {
    const { stack: started, clock } = await webhookStack()
    stack = started
    const created = await stack.waitFor((await stack.createJob('ernie-image-turbo', { prompt: 'called back' })).id, (j) => !!j.requestId)
    const [submission] = stack.sim.control.submissions()
    expect(submission?.webhookUrl).toMatch(new RegExp(`^${stack.darkroom.url}/api/webhooks/pixazo/${created.id}/[A-Za-z0-9_-]{32}$`))

    clock.release()
    const job = await stack.settle(created.id)
    expect(job.status).toBe('completed')
    // The one status read was the one the callback prompted.
    expect(statusReads()).toBe(1)
  })

  it('ignores forged callbacks: a wrong token, and a right token carrying fake media URLs', async () => {
    const { stack: started, clock } = await webhookStack()
    stack = started
    const created = await stack.waitFor((await stack.createJob('z-image-turbo', { prompt: 'forgery target' })).id, (j) => !!j.requestId)
    const { webhookUrl } = stack.sim.control.submissions()[0]!
    const forged = {
      request_id: 'z-image-turbo-834_fake',
      status: 'COMPLETED',
      output: { media_url: ['http://127.0.0.1:9/evil.png'], media_type: 'image/png' },
    }
    const post = (url: string) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(forged) })

    expect((await post(webhookUrl!.replace(/[^/]+$/, 'A'.repeat(32)))).status).toBe(404)
    expect((await post(webhookUrl!.replace(created.id, '00000000-0000-0000-0000-000000000000'))).status).toBe(404)
    expect(statusReads()).toBe(0)

    expect((await post(webhookUrl!)).status).toBe(202)
    // The callback prompts one status read, which the held gateway answers with QUEUED.
    await expect.poll(statusReads).toBe(1)
    const after: Job = await (await stack.api(`/api/jobs/${created.id}`)).json()
    // The gateway, asked again, still says QUEUED: nothing from the forged body was believed.
    expect(after.status).toBe('queued')
    expect(after.images).toEqual([])
    expect(statusReads()).toBe(1)
    expect(stack.sim.control.requests.some((r) => r.path.includes('evil'))).toBe(false)

    // The real callback still completes it.
    clock.release()
    expect((await stack.settle(created.id)).status).toBe('completed')
  })
})
