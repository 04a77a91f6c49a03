// With PUBLIC_URL set, the gateway's callback makes a job finish sooner than the polling fallback
// would; a callback is only a hint, so forged ones change nothing.
import { afterEach, describe, expect, it } from 'vitest'
import type { Job } from '../../../shared/api'
import { startSimulator } from '../../../server/simulator/serve'
import { freePort, startStack, TEST_KEY, type Stack } from '../harness'

let stack: Stack
afterEach(async () => {
  await stack?.close()
})

/** Polls every 5 s: far slower than the simulated jobs, so only a callback can finish them early. */
const SLOW_FALLBACK = { firstMs: 5000, minMs: 5000, maxMs: 10_000 }

async function webhookStack(queuedMs: number) {
  const port = await freePort()
  return startStack({
    simulator: await startSimulator({ apiKey: TEST_KEY, port: 0, timing: { queuedMs, processingMs: 100 } }),
    env: { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` },
    poll: SLOW_FALLBACK,
  })
}

const statusReads = () => stack.sim.control.requests.filter((r) => r.path.startsWith('/v2/requests/status/')).length

describe('webhooks', () => {
  it('completes a job through the callback, before the first fallback poll is due', async () => {
    stack = await webhookStack(100)
    const created = await stack.waitFor((await stack.createJob('ernie-image-turbo', { prompt: 'called back' })).id, (j) => !!j.requestId)
    const [submission] = stack.sim.control.submissions()
    expect(submission?.webhookUrl).toMatch(new RegExp(`^${stack.darkroom.url}/api/webhooks/pixazo/${created.id}/[A-Za-z0-9_-]{32}$`))

    const job = await stack.settle(created.id, 4000)
    expect(job.status).toBe('completed')
    expect(Date.parse(job.finishedAt!) - Date.parse(job.submittedAt!)).toBeLessThan(SLOW_FALLBACK.firstMs)
    // The one status read was the one the callback prompted.
    expect(statusReads()).toBe(1)
  })

  it('ignores forged callbacks: a wrong token, and a right token carrying fake media URLs', async () => {
    stack = await webhookStack(3000)
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
    await new Promise((r) => setTimeout(r, 200))
    expect(statusReads()).toBe(0)

    expect((await post(webhookUrl!)).status).toBe(202)
    await new Promise((r) => setTimeout(r, 300))
    const after: Job = await (await stack.api(`/api/jobs/${created.id}`)).json()
    // The gateway, asked again, still says QUEUED: nothing from the forged body was believed.
    expect(after.status).toBe('queued')
    expect(after.images).toEqual([])
    expect(statusReads()).toBe(1)
    expect(stack.sim.control.requests.some((r) => r.path.includes('evil'))).toBe(false)

    // The real callback still completes it.
    expect((await stack.settle(created.id, 8000)).status).toBe('completed')
  })
})
