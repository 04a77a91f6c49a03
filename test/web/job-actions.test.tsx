import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Job } from '../../shared/api'
import { JobList } from '../../web/features/jobs/job-list'
import { startRealApi, type RealApi } from './real-api'
import { renderWithQuery } from './render'

const row = async (prompt: string) => (await screen.findByText(prompt)).closest('li')!

describe('the local queue and retries', () => {
  let api: RealApi
  beforeAll(async () => {
    api = await startRealApi({ env: { PIXAZO_MAX_IN_FLIGHT: '1' } })
  })
  afterAll(() => api.close())

  it("shows a waiting job's place in Darkroom's queue and cancels it", async () => {
    // The gateway's clock stands still: the first job stays in flight, the other two wait behind it.
    api.clock.hold()
    const create = (prompt: string) => api.json<Job>('/api/jobs', { method: 'POST', json: { model: 'z-image-turbo', params: { prompt } } })
    const first = await create('in flight')
    await create('first in line')
    const last = await create('in line')
    api.connect()
    renderWithQuery(<JobList />)
    const item = await row('in line')
    expect(item).toHaveTextContent("#2 in Darkroom's queue")
    await userEvent.click(within(item).getByRole('button', { name: 'Cancel' }))
    expect(api.calls('POST', `/api/jobs/${last.id}/cancel`)).toHaveLength(1)
    expect(await within(item).findByText('Cancelled')).toBeInTheDocument()
    api.clock.release()
    await api.settle(first.id)
  })

  it('says why and when a job is retrying', async () => {
    const message = 'Rate limit is exceeded. Try again in 60 seconds.'
    api.sim!.control.failNext('generate', { status: 429, body: { statusCode: 429, message }, headers: { 'Retry-After': '60' } })
    const job = await api.json<Job>('/api/jobs', { method: 'POST', json: { model: 'z-image-turbo', params: { prompt: 'rate limited' } } })
    await expect.poll(async () => (await api.json<Job>(`/api/jobs/${job.id}`)).retry).not.toBeNull()
    api.connect()
    renderWithQuery(<JobList />)
    const item = await row('rate limited')
    expect(item).toHaveTextContent('Retrying')
    // The vendor's message ends in a full stop already: one, not two.
    expect(item).toHaveTextContent(`Retrying (attempt 2): Pixazo is rate-limiting (429): ${message} Next try`)
    expect(item.textContent).not.toContain('..')
    expect(item).toHaveTextContent(/Next try in (1 m )?[0-9.]+ s/)
  })
})

describe('jobs that ended without images', () => {
  let api: RealApi
  const ids: Record<string, string> = {}
  beforeAll(async () => {
    api = await startRealApi({ env: { JOB_DEADLINE_SECONDS: '1', PIXAZO_TIMEOUT_SECONDS: '1' } })
    const create = async (prompt: string) =>
      (await api.json<Job>('/api/jobs', { method: 'POST', json: { model: 'z-image-turbo', params: { prompt } } })).id
    api.sim!.control.failNext('media', { status: 404, body: { error: 'Resource not found' }, times: 50 })
    ids.cdn = await create('cdn down')
    expect((await api.settle(ids.cdn)).error?.code).toBe('download')
    api.sim!.control.reset()
    api.sim!.control.failNext('generate', { kind: 'accept-then-hang' })
    ids.limbo = await create('maybe sent')
    expect((await api.settle(ids.limbo)).status).toBe('uncertain')
    // Upstream time stands still, so this one times out with the gateway's last word.
    api.clock.hold()
    ids.slow = await create('slow one')
    expect((await api.settle(ids.slow)).status).toBe('timed_out')
  })
  afterAll(() => api.close())

  it('offers Re-check for a timed-out job and Retry download for a failed download', async () => {
    api.connect()
    renderWithQuery(<JobList />)
    const slow = await row('slow one')
    expect(slow).toHaveTextContent('Timed out')
    expect(slow).toHaveTextContent('Pixazo last said QUEUED')
    await userEvent.click(within(slow).getByRole('button', { name: 'Re-check' }))
    expect(api.calls('POST', `/api/jobs/${ids.slow}/recheck`)).toHaveLength(1)
    await userEvent.click(within(await row('cdn down')).getByRole('button', { name: 'Retry download' }))
    expect(api.calls('POST', `/api/jobs/${ids.cdn}/retry`)).toHaveLength(1)
  })

  it('submits an uncertain job again only after the user confirms the risk', async () => {
    api.connect()
    renderWithQuery(<JobList />)
    const item = await row('maybe sent')
    expect(item).toHaveTextContent('Submission uncertain')
    await userEvent.click(within(item).getByRole('button', { name: 'Submit again…' }))
    expect(api.calls('POST', `/api/jobs/${ids.limbo}/retry`)).toHaveLength(0)
    expect(item).toHaveTextContent('may charge you twice')
    await userEvent.click(within(item).getByRole('button', { name: 'Submit again anyway' }))
    expect(api.calls('POST', `/api/jobs/${ids.limbo}/retry`)).toHaveLength(1)
  })
})
