import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Job } from '../../shared/api'
import type { Comparison } from '../../shared/compare'
import { GenerateForm } from '../../web/features/generate/generate-form'
import { JobList } from '../../web/features/jobs/job-list'
import { useLiveServer } from './live-server'
import { renderWithQuery } from './render'

const live = useLiveServer()
const rows = () => within(screen.getByRole('list', { name: 'Jobs' })).getAllByRole('listitem')
const jobs = async () => (await live.json<{ items: Job[] }>('/api/jobs')).items
async function settle(id: string) {
  await expect.poll(async () => (await live.json<Job>(`/api/jobs/${id}`)).status, { timeout: 60_000, interval: 200 }).toMatch(/^(completed|failed)$/)
}

describe('job list against the real server', () => {
  it('shows a 2 × 2 comparison as one row linking to its grid, beside a playground job', async () => {
    const single = await live.json<Job>('/api/jobs', { model: 'z-image-turbo', params: { prompt: 'a single fox' } })
    const comparison = await live.json<Comparison>('/api/comparisons', {
      model: 'z-image-turbo',
      params: { prompt: 'a grid of herons' },
      axes: { x: { param: 'num_inference_steps', values: [4, 8] }, y: { param: 'seed', values: [1, 2] } },
    })
    renderWithQuery(<JobList />)
    await waitFor(() => expect(screen.getByRole('link', { name: 'Open the grid →' })).toBeInTheDocument())
    // The feeder creates the cells' jobs a few at a time; however many exist, they are one row.
    await waitFor(async () => expect((await jobs()).filter((j) => j.comparisonId === comparison.id)).toHaveLength(4))
    await waitFor(() => expect(screen.getByText('4 cells')).toBeInTheDocument())
    const grouped = rows().filter((row) => row.dataset.kind === 'comparison')
    expect(grouped).toHaveLength(1)
    expect(within(grouped[0]!).getByRole('link', { name: 'Open the grid →' })).toHaveAttribute('href', `/compare/${comparison.id}`)
    expect(grouped[0]).toHaveTextContent('a grid of herons')
    expect(rows().filter((row) => row.textContent?.includes('a single fox'))).toHaveLength(1)
    expect(rows()).toHaveLength(2)
    await settle(single.id)
  })

  it('dismisses a failed job for good, and offers to edit it before retrying', async () => {
    const failed = await live.json<Job>('/api/jobs', { model: 'ernie-image-turbo', params: { prompt: 'nsfw lighthouse', seed: 77 } })
    await settle(failed.id)
    const { user, unmount } = renderWithQuery(
      <>
        <GenerateForm />
        <JobList />
      </>,
    )
    const row = await waitFor(() => rows().find((r) => r.textContent?.includes('nsfw lighthouse'))!)
    expect(row).toHaveTextContent('Prompt failed safety check')

    await user.click(within(row).getByRole('button', { name: 'Edit and retry' }))
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('nsfw lighthouse')
    expect(screen.getByRole('spinbutton', { name: 'Seed' })).toHaveValue(77)

    await user.click(within(row).getByRole('button', { name: 'Dismiss this job from the list' }))
    await waitFor(() => expect(screen.queryByText('nsfw lighthouse', { selector: 'p' })).not.toBeInTheDocument())
    // Persisted on the server: a fresh page does not show it either; its row still exists.
    expect((await jobs()).map((j) => j.id)).not.toContain(failed.id)
    expect((await live.api(`/api/jobs/${failed.id}`)).status).toBe(200)
    unmount()
    renderWithQuery(<JobList />)
    await screen.findByRole('list', { name: 'Jobs' })
    expect(screen.queryByText('nsfw lighthouse')).not.toBeInTheDocument()
  })

  it('refuses to dismiss a running job, naming why', async () => {
    const running = await live.json<Job>('/api/jobs', { model: 'ernie-image', params: { prompt: 'still running' } })
    const res = await live.api(`/api/jobs/${running.id}/dismiss`, { method: 'POST' })
    expect(res.status).toBe(409)
    expect((await res.json()).error.message).toMatch(/still running cannot be dismissed/)
    expect((await jobs()).map((j) => j.id)).toContain(running.id)
    expect((await live.api('/api/jobs/nope/dismiss', { method: 'POST' })).status).toBe(404)
    await settle(running.id)
  })
})
