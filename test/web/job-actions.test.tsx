import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { JobList } from '../../web/features/jobs/job-list'
import { fakeApi, makeJob } from './fake-api'
import { renderWithQuery } from './render'

const row = async (prompt: string) => (await screen.findByText(prompt)).closest('li')!

describe('job states and their actions', () => {
  it('says why and when a job is retrying', async () => {
    const at = new Date(Date.now() + 8_000).toISOString()
    fakeApi({ jobs: [makeJob({ status: 'waiting', prompt: 'rate limited', retry: { reason: 'Pixazo is rate-limiting (429): Rate limit is exceeded', nextAttemptAt: at, attempt: 2 } })] })
    renderWithQuery(<JobList />)
    const item = await row('rate limited')
    expect(item).toHaveTextContent('Retrying')
    expect(item).toHaveTextContent('Retrying (attempt 3): Pixazo is rate-limiting (429): Rate limit is exceeded.')
    expect(item).toHaveTextContent(/Next try in [0-9.]+ s/)
  })

  it("shows a waiting job's place in Darkroom's queue and cancels it", async () => {
    const api = fakeApi({ jobs: [makeJob({ id: 'j1', status: 'waiting', prompt: 'in line', localQueuePosition: 2 })] })
    renderWithQuery(<JobList />)
    const item = await row('in line')
    expect(item).toHaveTextContent("#2 in Darkroom's queue")
    await userEvent.click(within(item).getByRole('button', { name: 'Cancel' }))
    expect(api.calls('POST', '/api/jobs/j1/cancel')).toHaveLength(1)
    expect(await within(item).findByText('Cancelled')).toBeInTheDocument()
  })

  it('offers Re-check for a timed-out job and Retry download for a failed download', async () => {
    const api = fakeApi({
      jobs: [
        makeJob({ id: 'slow', status: 'timed_out', prompt: 'slow one', error: { code: 'timeout', message: 'No result after 10 min. Pixazo last said PROCESSING.', action: 'Re-check asks Pixazo again; nothing is resubmitted or charged.' } }),
        makeJob({ id: 'cdn', status: 'download_failed', prompt: 'cdn down', error: { code: 'download', message: 'Download failed: HTTP 404', action: 'Retry downloads it again (nothing is regenerated).' } }),
      ],
    })
    renderWithQuery(<JobList />)
    const slow = await row('slow one')
    expect(slow).toHaveTextContent('Timed out')
    expect(slow).toHaveTextContent('Pixazo last said PROCESSING')
    await userEvent.click(within(slow).getByRole('button', { name: 'Re-check' }))
    expect(api.calls('POST', '/api/jobs/slow/recheck')).toHaveLength(1)
    await userEvent.click(within(await row('cdn down')).getByRole('button', { name: 'Retry download' }))
    expect(api.calls('POST', '/api/jobs/cdn/retry')).toHaveLength(1)
  })

  it('submits an uncertain job again only after the user confirms the risk', async () => {
    const api = fakeApi({ jobs: [makeJob({ id: 'limbo', status: 'uncertain', prompt: 'maybe sent', error: { code: 'uncertain', message: 'Darkroom stopped while this job was being submitted', action: 'Check your Pixazo dashboard' } })] })
    renderWithQuery(<JobList />)
    const item = await row('maybe sent')
    expect(item).toHaveTextContent('Submission uncertain')
    await userEvent.click(within(item).getByRole('button', { name: 'Submit again…' }))
    expect(api.calls('POST', '/api/jobs/limbo/retry')).toHaveLength(0)
    expect(item).toHaveTextContent('may charge you twice')
    await userEvent.click(within(item).getByRole('button', { name: 'Submit again anyway' }))
    expect(api.calls('POST', '/api/jobs/limbo/retry')).toHaveLength(1)
  })
})
