// Darkroom's own queue over real HTTP against the simulator: pause holds new jobs back (also across a
// restart) while jobs already sent finish, a reorder decides the order they are sent in, a job sent
// meanwhile cannot be moved, cancel-waiting drops them all at once, and "N runs" is one batch.
import { afterEach, describe, expect, it } from 'vitest'
import type { Job } from '../../../shared/api'
import type { Batch } from '../../../shared/batch'
import type { Queue } from '../../../shared/queue'
import { heldSimulator, startStack, type Stack } from '../harness'

let stack: Stack
afterEach(async () => {
  await stack?.close()
})

const queue = async (): Promise<Queue> => (await stack.api('/api/queue')).json()
const pause = (paused: boolean) => stack.api('/api/queue', { method: 'PUT', json: { paused } })
const reorder = (id: string, position: number) => stack.api('/api/queue/reorder', { method: 'POST', json: { id, position } })
const submit = (prompt: string) => stack.createJob('z-image-turbo', { prompt, num_inference_steps: 4 })

describe("Darkroom's queue", () => {
  it('holds new jobs while paused and sends them in the order asked for once resumed', async () => {
    // One job upstream at a time: each is sent only after the one before it finished.
    stack = await startStack({ env: { PIXAZO_MAX_IN_FLIGHT: '1' } })
    const paused: Queue = await (await pause(true)).json()
    expect(paused).toMatchObject({ paused: true, count: 0, waiting: [] })
    expect(paused.changedAt).not.toBeNull()
    // Each create dispatches before it answers: a paused queue claims nothing, so they are all still here.
    const [a, b, c] = [await submit('first'), await submit('second'), await submit('third')]
    const held = await queue()
    expect(held.waiting.map((j) => [j.id, j.status, j.requestId, j.localQueuePosition])).toEqual([
      [a!.id, 'waiting', null, 1],
      [b!.id, 'waiting', null, 2],
      [c!.id, 'waiting', null, 3],
    ])

    expect((await reorder(c!.id, 1)).status).toBe(200)
    const moved: Queue = await (await reorder(a!.id, 3)).json()
    expect(moved.waiting.map((j) => j.prompt)).toEqual(['third', 'second', 'first'])
    expect((await (await stack.api(`/api/jobs/${a!.id}`)).json()).localQueuePosition).toBe(3)

    const resumed: Queue = await (await pause(false)).json()
    expect(resumed.paused).toBe(false)
    const done = await Promise.all([c, b, a].map((j) => stack.settle(j!.id)))
    expect(done.map((j) => j.status)).toEqual(['completed', 'completed', 'completed'])
    const sent = [...done].sort((x, y) => Date.parse(x.submittedAt!) - Date.parse(y.submittedAt!)).map((j) => j.prompt)
    expect(sent).toEqual(['third', 'second', 'first'])
  })

  it('stays paused across a restart; jobs already sent still finish while paused', async () => {
    const { sim, clock } = await heldSimulator()
    stack = await startStack({ simulator: sim })
    const early = await submit('sent before the pause')
    await stack.waitFor(early.id, (j) => j.status === 'queued')
    await pause(true)
    const late = await submit('made while paused')
    clock.release(10_000)
    expect((await stack.settle(early.id)).status).toBe('completed')
    expect((await stack.api(`/api/jobs/${late.id}`).then((r) => r.json())).status).toBe('waiting')

    await stack.restart()
    expect(await queue()).toMatchObject({ paused: true, count: 1 })
    expect((await queue()).waiting.map((j) => j.id)).toEqual([late.id])
    await pause(false)
    expect((await stack.settle(late.id)).status).toBe('completed')
  })

  it('refuses to move a job that was sent meanwhile (409), an unknown one (404) or a bad place (400), changing nothing', async () => {
    stack = await startStack()
    const sent = await submit('sent at once')
    await stack.waitFor(sent.id, (j) => j.status !== 'waiting')
    await pause(true)
    const [x, y] = [await submit('x'), await submit('y')]

    const conflict = await reorder(sent.id, 1)
    expect(conflict.status).toBe(409)
    expect((await conflict.json()).error.message).toMatch(/already sent to Pixazo.*only jobs still waiting/)
    const runNext = await stack.api('/api/queue/run-next', { method: 'POST', json: { id: sent.id } })
    expect(runNext.status).toBe(409)
    expect((await reorder('no-such-job', 1)).status).toBe(404)
    const bad = await reorder(y.id, 0)
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.message).toMatch(/position must be between 1 and 100000/)
    expect((await stack.api('/api/queue', { method: 'PUT', json: { paused: 'yes' } })).status).toBe(400)
    expect(await queue()).toMatchObject({ paused: true })
    expect((await queue()).waiting.map((j) => j.id)).toEqual([x.id, y.id])

    const next: Queue = await (await stack.api('/api/queue/run-next', { method: 'POST', json: { id: y.id } })).json()
    expect(next.waiting.map((j) => j.id)).toEqual([y.id, x.id])
  })

  it('cancels every waiting job in one action, saying how many, and leaves jobs already sent alone', async () => {
    stack = await startStack()
    const sent = await submit('sent at once')
    await stack.waitFor(sent.id, (j) => j.status !== 'waiting')
    await pause(true)
    const waiting = [await submit('one'), await submit('two'), await submit('three')]
    const res = await stack.api('/api/queue/cancel-waiting', { method: 'POST' })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ cancelled: 3 })
    for (const job of waiting) expect(((await (await stack.api(`/api/jobs/${job.id}`)).json()) as Job).status).toBe('cancelled')
    expect(await queue()).toMatchObject({ count: 0, waiting: [] })
    expect((await stack.settle(sent.id)).status).toBe('completed')
    expect(await (await stack.api('/api/queue/cancel-waiting', { method: 'POST' })).json()).toEqual({ cancelled: 0 })
  })
})

describe('N runs of the same settings', () => {
  it('makes N jobs with the prompt as written and a new seed each, priced as one batch', async () => {
    stack = await startStack()
    await pause(true)
    const res = await stack.api('/api/batches', {
      method: 'POST',
      json: { model: 'z-image-turbo', params: { prompt: 'a {red|blue} kite', seed: 5, num_images: 2 }, expand: { kind: 'runs', count: 3 } },
    })
    expect(res.status).toBe(201)
    const made: Batch = await res.json()
    expect(made).toMatchObject({ template: null, count: 3, images: 6, estimatedCostUsd: 0.048 })
    expect(made.jobs.every((j) => j.prompt === 'a {red|blue} kite' && j.promptTemplate === null && j.params.num_images === 2)).toBe(true)
    expect(new Set(made.jobs.map((j) => j.seed)).size).toBe(3)
    // In the queue in the order they were made.
    expect((await queue()).waiting.map((j) => j.id)).toEqual(made.jobs.map((j) => j.id))
  })

  it('asks for confirmation above the threshold, creating nothing until confirmed', async () => {
    stack = await startStack({ env: { COMPARE_CONFIRM_IMAGES: '2' } })
    await pause(true)
    const body = { model: 'z-image-turbo', params: { prompt: 'a kite' }, expand: { kind: 'runs', count: 3 } }
    const refused = await stack.api('/api/batches', { method: 'POST', json: body })
    expect(refused.status).toBe(400)
    expect((await refused.json()).error.message).toMatch(/3 prompts, 3 images, more than 2: send "confirm": true/)
    expect((await queue()).count).toBe(0)
    const bad = await stack.api('/api/batches', { method: 'POST', json: { ...body, expand: { kind: 'runs', count: 0 } } })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.message).toMatch(/expand.count must be between 1 and 1000/)
    expect((await stack.api('/api/batches', { method: 'POST', json: { ...body, confirm: true } })).status).toBe(201)
    expect((await queue()).count).toBe(3)
  })
})
