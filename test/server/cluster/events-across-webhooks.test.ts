// Webhooks at any instance: the gateway's callback reaches whichever instance the load balancer picks,
// not necessarily the one that submitted the job. Two Darkroom instances on one PostgreSQL database,
// the public URL pointing at the second: jobs submitted through the first complete through the second,
// and callbacks reaching both at once still download and complete each job once. Decision 026.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Job } from '../../../shared/api'
import { createDatabase } from '../../support/postgres'
import { freePort, heldSimulator, pausableClock, startStack, type Stack } from '../harness'

/** Only callbacks can finish a job within the test: the first fallback poll is due long after it. */
const SLOW_FALLBACK = { firstMs: 300_000, minMs: 300_000, maxMs: 300_000 }

let submitter: Stack
let receiver: Stack
let clock: ReturnType<typeof pausableClock>

beforeAll(async () => {
  const url = await createDatabase()
  const held = await heldSimulator()
  clock = held.clock
  // The public URL (the load balancer) sends every callback to the receiver.
  const port = await freePort()
  const publicUrl = `http://127.0.0.1:${port}`
  submitter = await startStack({ simulator: held.sim, env: { DATABASE_URL: url, PUBLIC_URL: publicUrl }, poll: SLOW_FALLBACK })
  receiver = await startStack({ simulator: held.sim, env: { DATABASE_URL: url, PUBLIC_URL: publicUrl, PORT: String(port) }, poll: SLOW_FALLBACK })
})
afterAll(async () => {
  await submitter?.close()
  await receiver?.close()
})

const requestsFor = (pathPart: string) => submitter.sim.control.requests.filter((r) => r.path.includes(pathPart)).length

/** A job submitted through the submitter, still QUEUED upstream (the gateway's clock is held). */
async function submitted(prompt: string): Promise<Job> {
  clock.hold()
  const { id } = await submitter.createJob('z-image-turbo', { prompt })
  return submitter.waitFor(id, (j) => !!j.requestId)
}

describe('webhooks at any instance', () => {
  it('completes a job submitted through one instance when its callback reaches the other', async () => {
    const job = await submitted('called back elsewhere')
    const submission = submitter.sim.control.submissions().find((s) => s.requestId === job.requestId)
    expect(submission?.webhookUrl).toMatch(new RegExp(`^${receiver.darkroom.url}/api/webhooks/pixazo/${job.id}/`))

    clock.release()
    const done = await submitter.settle(job.id)
    expect(done.status).toBe('completed')
    expect(done.images).toHaveLength(1)
    // The receiver read the status once (prompted by the callback) and fetched the image once.
    expect(requestsFor(`/v2/requests/status/${job.requestId}`)).toBe(1)
    expect(requestsFor(`/media/${job.requestId}/`)).toBe(1)
    // The receiver stored it: its own disk serves it.
    const image = await receiver.api(done.images[0]!.url)
    expect(image.status).toBe(200)
  })

  it('downloads and completes a job once when callbacks reach both instances at the same moment', async () => {
    const job = await submitted('called back twice')
    const { webhookUrl } = submitter.sim.control.submissions().find((s) => s.requestId === job.requestId)!
    const path = new URL(webhookUrl!).pathname
    // Finished upstream by the time anyone looks; both instances are told at once (and the gateway's own callback too).
    clock.release(60_000)
    const answers = await Promise.all(
      [submitter, receiver, submitter, receiver].map((s) =>
        fetch(s.darkroom.url + path, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } }),
      ),
    )
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202])

    const done = await receiver.settle(job.id)
    expect(done.status).toBe('completed')
    expect(done.images).toHaveLength(1)
    // Both may have read the status; only the one that moved the job to downloading fetched the image.
    expect(requestsFor(`/v2/requests/status/${job.requestId}`)).toBeGreaterThanOrEqual(1)
    expect(requestsFor(`/media/${job.requestId}/`)).toBe(1)
    const page = await (await submitter.api(`/api/images?q=${encodeURIComponent('"called back twice"')}`)).json()
    expect(page.items).toHaveLength(1)
  })
})
