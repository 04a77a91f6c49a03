import { screen, waitFor, within } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Job } from '../../shared/api'
import { App } from '../../web/app'
import { startRealApi, type RealApi } from './real-api'
import { renderWithQuery } from './render'

describe('app in demo mode', () => {
  let api: RealApi
  beforeAll(async () => {
    api = await startRealApi({ demo: true })
  })
  afterAll(() => api.close())

  it('explains demo mode and how to use a real key', async () => {
    api.connect()
    renderWithQuery(<App />)
    expect(await screen.findByRole('heading', { name: 'Darkroom' })).toBeInTheDocument()
    const banner = await screen.findByText('Demo mode')
    expect(banner.parentElement).toHaveTextContent(/built-in simulator/)
    expect(banner.parentElement).toHaveTextContent(/no API key is used/)
    expect(banner.parentElement).toHaveTextContent(/PIXAZO_API_KEY/)
  })
})

describe('app with a key', () => {
  let api: RealApi
  beforeAll(async () => {
    api = await startRealApi()
  })
  afterAll(() => api.close())

  it('shows no demo banner in live mode', async () => {
    api.connect()
    renderWithQuery(<App />)
    expect(await screen.findByText('Live · Pixazo')).toBeInTheDocument()
    expect(screen.queryByText('Demo mode')).not.toBeInTheDocument()
  })

  it('takes a prompt through a job into the gallery', async () => {
    api.connect()
    // The gateway's clock stands still until the test has seen the job queued.
    api.clock.hold()
    const { user } = renderWithQuery(<App />)
    expect(await screen.findByText('No images yet')).toBeInTheDocument()
    await user.selectOptions(screen.getByRole('combobox', { name: 'Model' }), 'Z-Image Turbo')
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a tram in the fog')
    await user.click(screen.getByRole('button', { name: 'Generate' }))

    const jobs = await screen.findByRole('list', { name: 'Jobs' })
    expect(await within(jobs).findByText('Queued')).toBeInTheDocument()
    expect(within(jobs).getByText('Est. $0.008')).toBeInTheDocument()

    api.clock.release()
    const grid = await screen.findByRole('list', { name: 'Images' })
    expect(within(grid).getByAltText('a tram in the fog')).toBeInTheDocument()
    // The seed the server chose for the random seed, as it recorded it.
    const { items } = await api.json<{ items: Job[] }>('/api/jobs')
    expect(items.map((j) => [j.prompt, j.status])).toEqual([['a tram in the fog', 'completed']])
    await waitFor(() => expect(within(jobs).getByText(`Seed ${items[0]!.seed}`)).toBeInTheDocument())
  })
})
