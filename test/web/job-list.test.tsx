import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { RecentImages } from '../../web/features/gallery/recent-images'
import { JobList } from '../../web/features/jobs/job-list'
import { fakeApi, makeImage, makeJob } from './fake-api'
import { renderWithQuery } from './render'

const rows = async () => within(await screen.findByRole('list', { name: 'Jobs' })).getAllByRole('listitem')

/**
 * Polling and the elapsed clock run on setInterval, so only intervals (and the clock) are faked:
 * fetches and renders still settle on their own, and the test decides when a second has passed.
 */
const fakeIntervals = (now?: Date) => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'], now })
const secondsPass = async (seconds: number) => {
  for (let i = 0; i < seconds; i++) await act(() => vi.advanceTimersByTimeAsync(1_000))
}

describe('jobs list', () => {
  it('shows each job with its model, readable state, seed, cost and queue position', async () => {
    fakeApi({
      jobs: [
        makeJob({ status: 'queued', queuePosition: 3, prompt: 'queued prompt' }),
        makeJob({ status: 'processing', model: 'z-image-turbo', estimatedCostUsd: 0.016, prompt: 'running prompt' }),
        makeJob({
          status: 'completed',
          seed: 987654,
          prompt: 'done prompt',
          createdAt: '2025-05-01T10:00:00.000Z',
          finishedAt: '2025-05-01T10:00:12.000Z',
        }),
        makeJob({ status: 'uncertain', prompt: 'unsure prompt' }),
      ],
    })
    renderWithQuery(<JobList />)
    const [queued, processing, completed, uncertain] = await rows()
    expect(queued).toHaveTextContent('Queued')
    expect(queued).toHaveTextContent("Position 3 in Pixazo's queue")
    expect(queued).toHaveTextContent('ERNIE Image Turbo')
    expect(queued).toHaveTextContent('Price unknown')
    expect(processing).toHaveTextContent('Processing')
    expect(processing).toHaveTextContent('Z-Image Turbo')
    expect(processing).toHaveTextContent('Est. $0.016')
    expect(completed).toHaveTextContent('Completed')
    expect(completed).toHaveTextContent('Seed 987654')
    expect(completed).toHaveTextContent('Took 12 s')
    expect(uncertain).toHaveTextContent('Submission uncertain')
  })

  it("shows a failed job's vendor message and what to do next", async () => {
    fakeApi({
      jobs: [
        makeJob({
          status: 'failed',
          finishedAt: new Date().toISOString(),
          error: { code: '422', message: 'prompt contains disallowed content', action: 'Rephrase the prompt and try again.' },
        }),
      ],
    })
    renderWithQuery(<JobList />)
    const [failed] = await rows()
    expect(failed).toHaveTextContent('Failed')
    expect(failed).toHaveTextContent('prompt contains disallowed content')
    expect(failed).toHaveTextContent('Rephrase the prompt and try again.')
  })

  it('polls with one list request a second however many jobs run, and stops when none do', async () => {
    fakeIntervals()
    const api = fakeApi({ jobs: [1, 2, 3, 4, 5].map(() => makeJob({ status: 'processing' })) })
    renderWithQuery(<JobList />)
    expect(await screen.findAllByText('Processing')).toHaveLength(5)
    expect(api.calls('GET', '/api/jobs')).toHaveLength(1)

    await secondsPass(5)
    expect(api.calls('GET', '/api/jobs')).toHaveLength(6)
    expect(api.calls('GET', /^\/api\/jobs\/./)).toHaveLength(0)

    api.jobs = api.jobs.map((job) => ({ ...job, status: 'completed', finishedAt: new Date().toISOString() }))
    await secondsPass(1)
    await waitFor(() => expect(screen.getAllByText('Completed')).toHaveLength(5))
    await secondsPass(10)
    expect(api.calls('GET', '/api/jobs')).toHaveLength(7)
  })

  it('ticks the elapsed time of a running job', async () => {
    fakeIntervals(new Date('2025-05-01T10:00:05.000Z'))
    fakeApi({ jobs: [makeJob({ status: 'processing', createdAt: '2025-05-01T10:00:00.000Z' })] })
    renderWithQuery(<JobList />)
    expect(await screen.findByText('Elapsed 5.0 s')).toBeInTheDocument()
    await secondsPass(3)
    expect(await screen.findByText('Elapsed 8.0 s')).toBeInTheDocument()
  })

  it('refreshes the gallery once when a job completes', async () => {
    fakeIntervals()
    const api = fakeApi({ jobs: [makeJob({ id: 'job_a', status: 'processing' })] })
    renderWithQuery(
      <>
        <JobList />
        <RecentImages />
      </>,
    )
    expect(await screen.findByText('No images yet')).toBeInTheDocument()
    await secondsPass(2)
    expect(api.calls('GET', '/api/images')).toHaveLength(1)

    const image = makeImage({ jobId: 'job_a', prompt: 'a finished heron' })
    api.jobs = [makeJob({ id: 'job_a', status: 'completed', images: [image] })]
    api.images = [image]
    await secondsPass(1)
    expect(await screen.findByAltText('a finished heron')).toBeInTheDocument()
    await secondsPass(5)
    expect(api.calls('GET', '/api/images')).toHaveLength(2)
  })
})
