// The runner's policies, seen from the API: the local queue, deadlines and re-checks, retries,
// download retries and cancelling.
import { afterEach, describe, expect, it } from 'vitest'
import type { Job } from '../../../shared/api'
import { FAST_TIMING, heldSimulator, startStack, type Stack } from '../harness'

let stack: Stack
afterEach(async () => {
  await stack?.close()
})

const read = async (id: string): Promise<Job> => (await stack.api(`/api/jobs/${id}`)).json()

describe('the local queue', () => {
  it('keeps jobs beyond the in-flight cap waiting, in order, and sends each once', async () => {
    // Upstream time stands still, so the two jobs sent stay in flight until the test lets them finish.
    const { sim, clock } = await heldSimulator()
    stack = await startStack({ simulator: sim, env: { PIXAZO_MAX_IN_FLIGHT: '2' } })
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await stack.createJob('z-image-turbo', { prompt: `queued ${i}` })).id)
    // One list call: a consistent snapshot of all five, not five reads taken at different moments.
    const snapshot = async () => {
      const { items }: { items: Job[] } = await (await stack.api('/api/jobs?limit=200')).json()
      return ids.map((id) => items.find((j) => j.id === id)!)
    }
    await expect.poll(async () => (await snapshot()).map((j) => j.status)).toEqual(['queued', 'queued', 'waiting', 'waiting', 'waiting'])
    expect((await snapshot()).map((j) => j.localQueuePosition)).toEqual([null, null, 1, 2, 3])
    expect(stack.sim.control.submissions()).toHaveLength(2)

    clock.release()
    const done = await Promise.all(ids.map((id) => stack.settle(id)))
    expect(done.map((j) => j.status)).toEqual(Array(5).fill('completed'))
    // Each sent once, the two within the cap first. Jobs claimed together go out together, so their
    // requests may reach the gateway in either order (the claim order is the queue's: see queue.test.ts).
    const sent = stack.sim.control.submissions().map((s) => s.body.prompt)
    expect([...sent].sort()).toEqual(ids.map((_, i) => `queued ${i}`))
    expect(sent.slice(0, 2).sort()).toEqual(['queued 0', 'queued 1'])
  })

  it('cancels a job that is still waiting, and refuses once it has been sent', async () => {
    const { sim, clock } = await heldSimulator()
    stack = await startStack({ simulator: sim, env: { PIXAZO_MAX_IN_FLIGHT: '1' } })
    const first = await stack.createJob('z-image-turbo', { prompt: 'goes first' })
    const second = await stack.createJob('z-image-turbo', { prompt: 'never sent' })
    await stack.waitFor(first.id, (j) => j.requestId !== null)
    expect((await stack.api(`/api/jobs/${second.id}/cancel`, { method: 'POST' })).status).toBe(200)
    expect((await stack.api(`/api/jobs/${first.id}/cancel`, { method: 'POST' })).status).toBe(409)
    clock.release()
    expect((await stack.settle(first.id)).status).toBe('completed')
    expect((await read(second.id)).status).toBe('cancelled')
    expect(stack.sim.control.submissions().map((s) => s.body.prompt)).toEqual(['goes first'])
  })
})

describe('deadlines', () => {
  it('times a job out with its last upstream state, and a re-check finishes it without resubmitting', async () => {
    // Upstream time stands still: the job is QUEUED there for as long as the test wants.
    const { sim, clock } = await heldSimulator()
    stack = await startStack({ simulator: sim, env: { JOB_DEADLINE_SECONDS: '1' } })
    const job = await stack.settle((await stack.createJob('ernie-image-turbo', { prompt: 'slow gateway' })).id)
    expect(job.status).toBe('timed_out')
    expect(job.error).toMatchObject({ code: 'timeout', message: expect.stringContaining('Pixazo last said QUEUED') })
    expect(job.error?.action).toMatch(/nothing is resubmitted/)

    // The gateway finishes it late; a re-check picks the result up.
    clock.release(FAST_TIMING.queuedMs + FAST_TIMING.processingMs)
    const rechecked = await stack.api(`/api/jobs/${job.id}/recheck`, { method: 'POST' })
    expect(rechecked.status).toBe(200)
    expect((await stack.settle(job.id)).status).toBe('completed')
    expect(stack.sim.control.submissions()).toHaveLength(1)
  })

  it('refuses to re-check a job that has not timed out', async () => {
    stack = await startStack()
    const job = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'fine' })).id)
    const res = await stack.api(`/api/jobs/${job.id}/recheck`, { method: 'POST' })
    expect(res.status).toBe(409)
    expect((await res.json()).error.message).toMatch(/Only timed-out jobs/)
  })
})

describe('retrying', () => {
  it('retries a failed job as a new job with the same parameters, linked to the old one', async () => {
    stack = await startStack()
    const failed = await stack.settle((await stack.createJob('ernie-image', { prompt: 'nsfw again', seed: 99, num_inference_steps: 60 })).id)
    expect(failed.status).toBe('failed')
    const res = await stack.api(`/api/jobs/${failed.id}/retry`, { method: 'POST' })
    expect(res.status).toBe(201)
    const retried: Job = await res.json()
    expect(retried.id).not.toBe(failed.id)
    expect(retried).toMatchObject({ retryOf: failed.id, seed: 99, params: failed.params })
    await stack.settle(retried.id)
    expect(stack.sim.control.submissions()).toHaveLength(2)
  })

  it('retries a failed download by downloading again, never by generating again', async () => {
    stack = await startStack()
    stack.sim.control.failNext('media', { status: 404, body: { error: 'Resource not found' }, times: 1 })
    const healed = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'flaky cdn' })).id)
    expect(healed.status).toBe('completed')

    stack.sim.control.failNext('media', { status: 404, body: { error: 'Resource not found' }, times: 50 })
    const broken = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'dead cdn' })).id)
    expect(broken).toMatchObject({ status: 'download_failed', error: { code: 'download', action: expect.stringMatching(/nothing is regenerated/) } })
    stack.sim.control.reset()
    const res = await stack.api(`/api/jobs/${broken.id}/retry`, { method: 'POST' })
    expect(res.status).toBe(200)
    const fixed = await stack.settle(broken.id)
    expect(fixed.status).toBe('completed')
    expect(fixed.images).toHaveLength(1)
    expect(stack.sim.control.submissions()).toHaveLength(0) // reset() cleared the log; nothing new was sent
  })
})
