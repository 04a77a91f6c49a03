import { act, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Job } from '../../shared/api'
import { RecentImages } from '../../web/features/gallery/recent-images'
import { JobList } from '../../web/features/jobs/job-list'
import { formatDuration } from '../../web/lib/format'
import { FAST_TIMING } from '../server/harness'
import { startRealApi, untilServer, type RealApi } from './real-api'
import { renderWithQuery } from './render'

const rows = async () => within(await screen.findByRole('list', { name: 'Jobs' })).getAllByRole('listitem')

/**
 * Polling and the elapsed clock run on setInterval, so only intervals are faked (and, for the clock,
 * Date): the server, fetches and renders still run on real timeouts, and the test decides when a
 * second of the browser's time has passed. Intervals the server set up before this keep running.
 */
const fakeIntervals = (now?: number) => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', ...(now ? (['Date'] as const) : [])], now })
const secondsPass = async (seconds: number) => {
  for (let i = 0; i < seconds; i++) await act(() => vi.advanceTimersByTimeAsync(1_000))
}

let api: RealApi
afterEach(async () => {
  vi.useRealTimers()
  api.sim?.control.reset()
  api.clock.release()
  await api.close()
})

const create = (model: string, params: Record<string, unknown>) => api.json<Job>('/api/jobs', { method: 'POST', json: { model, params } })
const job = (id: string) => api.json<Job>(`/api/jobs/${id}`)
const statusOf = async (id: string) => (await job(id)).status

/**
 * Jobs that stay PROCESSING upstream: submitted while the gateway's clock stands still, then the
 * clock moves past their time in the queue (not past their processing time) and stands still again.
 */
async function processing(model: string, prompts: string[], params: Record<string, unknown> = {}) {
  api.clock.hold()
  const jobs = await Promise.all(prompts.map((prompt) => create(model, { prompt, ...params })))
  for (const j of jobs) await expect.poll(() => statusOf(j.id)).toBe('queued')
  api.clock.release(FAST_TIMING.queuedMs + 1)
  api.clock.hold()
  for (const j of jobs) await expect.poll(() => statusOf(j.id)).toBe('processing')
  return jobs
}

describe('jobs list', () => {
  it('shows each job with its model, readable state, seed, cost and queue position', async () => {
    // The default request timeout: a poll slowed by a busy machine is not a fault here.
    api = await startRealApi()
    // Oldest first; the list shows newest first. The gateway takes the job, then the answer is lost.
    api.sim!.control.failNext('generate', { kind: 'accept-then-reset' })
    const unsure = await create('ernie-image-turbo', { prompt: 'unsure prompt' })
    expect((await api.settle(unsure.id)).status).toBe('uncertain')
    const done = await api.generate('ernie-image-turbo', { prompt: 'done prompt', seed: 987654 })
    expect(done.status).toBe('completed')
    await processing('z-image-turbo', ['running prompt'], { num_images: 2 })
    const queued = await create('ernie-image-turbo', { prompt: 'queued prompt' })
    await expect.poll(() => statusOf(queued.id)).toBe('queued')
    // The gateway says where the job is in its queue (a running job stays running whatever it hears).
    api.sim!.control.failNext('status', { status: 200, body: { request_id: 'any', status: 'QUEUED', queue_position: 3 }, times: 1_000_000 })
    await expect.poll(async () => (await job(queued.id)).queuePosition).toBe(3)

    api.connect()
    renderWithQuery(<JobList />)
    const [queuedRow, processingRow, completedRow, uncertainRow] = await rows()
    expect(queuedRow).toHaveTextContent('Queued')
    expect(queuedRow).toHaveTextContent("Position 3 in Pixazo's queue")
    expect(queuedRow).toHaveTextContent('ERNIE Image Turbo')
    expect(queuedRow).toHaveTextContent('Price unknown')
    expect(processingRow).toHaveTextContent('Processing')
    expect(processingRow).toHaveTextContent('Z-Image Turbo')
    expect(processingRow).toHaveTextContent('Est. $0.016')
    expect(completedRow).toHaveTextContent('Completed')
    expect(completedRow).toHaveTextContent('Seed 987654')
    expect(completedRow).toHaveTextContent(`Took ${formatDuration(Date.parse(done.finishedAt!) - Date.parse(done.createdAt))}`)
    expect(uncertainRow).toHaveTextContent('Submission uncertain')
  })

  it("shows a failed job's vendor message and what to do next", async () => {
    api = await startRealApi()
    api.sim!.control.failJob('next', { outcome: 'FAILED', message: 'prompt contains disallowed content' })
    const failed = await api.generate('ernie-image-turbo', { prompt: 'a lighthouse' })
    expect(failed.status).toBe('failed')
    api.connect()
    renderWithQuery(<JobList />)
    const [row] = await rows()
    expect(row).toHaveTextContent('Failed')
    expect(row).toHaveTextContent('prompt contains disallowed content')
    expect(row).toHaveTextContent('Change the prompt or settings, then generate again.')
  })

  it('polls with one list request a second however many jobs run, and stops when none do', async () => {
    api = await startRealApi()
    const jobs = await processing(
      'z-image-turbo',
      [1, 2, 3, 4, 5].map((i) => `lantern ${i}`),
    )
    api.connect()
    fakeIntervals()
    renderWithQuery(<JobList />)
    expect(await screen.findAllByText('Processing')).toHaveLength(5)
    expect(api.calls('GET', '/api/jobs')).toHaveLength(1)

    await secondsPass(5)
    expect(api.calls('GET', '/api/jobs')).toHaveLength(6)
    expect(api.calls('GET', /^\/api\/jobs\/./)).toHaveLength(0)

    // Upstream time moves on: the jobs finish on the server (on its real timers).
    api.clock.release()
    for (const j of jobs) await untilServer(async () => (await statusOf(j.id)) === 'completed')
    await secondsPass(1)
    await waitFor(() => expect(screen.getAllByText('Completed')).toHaveLength(5))
    await secondsPass(10)
    expect(api.calls('GET', '/api/jobs')).toHaveLength(7)
  })

  it('ticks the elapsed time of a running job', async () => {
    api = await startRealApi()
    const [running] = await processing('z-image-turbo', ['a slow kettle'])
    api.connect()
    // The browser's clock reads five seconds after the job was created, and moves only when told.
    fakeIntervals(Date.parse(running!.createdAt) + 5_000)
    renderWithQuery(<JobList />)
    expect(await screen.findByText('Elapsed 5.0 s')).toBeInTheDocument()
    await secondsPass(3)
    expect(await screen.findByText('Elapsed 8.0 s')).toBeInTheDocument()
  })

  it('refreshes the gallery once when a job completes', async () => {
    api = await startRealApi()
    const [heron] = await processing('z-image-turbo', ['a finished heron'])
    api.connect()
    fakeIntervals()
    renderWithQuery(
      <>
        <JobList />
        <RecentImages />
      </>,
    )
    expect(await screen.findByText('No images yet')).toBeInTheDocument()
    await secondsPass(2)
    expect(api.calls('GET', '/api/images')).toHaveLength(1)

    api.clock.release()
    await untilServer(async () => (await statusOf(heron!.id)) === 'completed')
    await secondsPass(1)
    expect(await screen.findByAltText('a finished heron')).toBeInTheDocument()
    await secondsPass(5)
    expect(api.calls('GET', '/api/images')).toHaveLength(2)
  })
})
