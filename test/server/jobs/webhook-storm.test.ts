// Repeated webhook calls for one job are merged: a replay storm of 500 calls costs that job a status
// read or two, never a read per call, so other jobs' polls and the gateway's rate limit are unharmed.
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator } from '../../../server/simulator/serve'
import { freePort, startStack, TEST_KEY, type Stack } from '../harness'

let stack: Stack
afterEach(async () => {
  await stack?.close()
})

describe('a webhook replay storm', () => {
  it('merges 500 calls for one job into a bounded number of status reads; other jobs finish', async () => {
    const port = await freePort()
    stack = await startStack({
      simulator: await startSimulator({ apiKey: TEST_KEY, port: 0, timing: { queuedMs: 2500, processingMs: 200 }, rateLimitPerSecond: 10 }),
      env: { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, PIXAZO_MAX_RPS: '8' },
      poll: { firstMs: 300, minMs: 300, maxMs: 600 },
    })
    const target = await stack.waitFor((await stack.createJob('z-image-turbo', { prompt: 'replayed' })).id, (j) => !!j.requestId)
    const others = [] as string[]
    for (let i = 0; i < 3; i++) others.push((await stack.createJob('z-image-turbo', { prompt: `bystander ${i}` })).id)
    const { webhookUrl } = stack.sim.control.submissions().find((s) => s.requestId === target.requestId)!
    const readsOf = (requestId: string) =>
      stack.sim.control.requests.filter((r) => r.path.startsWith('/v2/requests/status/') && r.path.includes(requestId)).length

    const readsBefore = readsOf(target.requestId!)
    const started = Date.now()
    const answers = await Promise.all(
      Array.from({ length: 500 }, () =>
        fetch(webhookUrl!, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then((r) => r.status),
      ),
    )
    const stormSeconds = (Date.now() - started) / 1000
    expect(answers.every((s) => s === 202)).toBe(true)

    const done = await Promise.all([target.id, ...others].map((id) => stack.settle(id)))
    expect(done.map((j) => j.status)).toEqual(Array(4).fill('completed'))
    // One read per second at most while the storm lasts (plus the one under way and one follow-up),
    // on top of the ordinary polls until the job finished; hundreds without merging.
    const pollsAtMost = Math.ceil((Date.parse(done[0]!.finishedAt!) - Date.parse(done[0]!.submittedAt!)) / 300)
    expect(readsOf(target.requestId!) - readsBefore).toBeLessThanOrEqual(Math.ceil(stormSeconds) + 2 + pollsAtMost)
    expect(stack.sim.control.stats().maxRequestsInAnyWindow(1000)).toBeLessThanOrEqual(10)
  })
})
