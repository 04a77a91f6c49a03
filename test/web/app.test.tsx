import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { App } from '../../web/app'
import { demoSettings, fakeApi, makeImage } from './fake-api'
import { renderWithQuery } from './render'

describe('app', () => {
  it('explains demo mode and how to use a real key', async () => {
    fakeApi({ settings: { ...demoSettings, mode: 'demo' } })
    renderWithQuery(<App />)
    expect(screen.getByRole('heading', { name: 'Darkroom' })).toBeInTheDocument()
    const banner = await screen.findByText('Demo mode')
    expect(banner.parentElement).toHaveTextContent(/built-in simulator/)
    expect(banner.parentElement).toHaveTextContent(/no API key is used/)
    expect(banner.parentElement).toHaveTextContent(/PIXAZO_API_KEY/)
  })

  it('shows no demo banner in live mode', async () => {
    fakeApi({ settings: { ...demoSettings, mode: 'live' } })
    renderWithQuery(<App />)
    expect(await screen.findByText('Live · Pixazo')).toBeInTheDocument()
    expect(screen.queryByText('Demo mode')).not.toBeInTheDocument()
  })

  it('takes a prompt through a job into the gallery', async () => {
    const api = fakeApi()
    const { user } = renderWithQuery(<App />)
    expect(await screen.findByText('No images yet')).toBeInTheDocument()
    await user.selectOptions(screen.getByRole('combobox', { name: 'Model' }), 'Z-Image Turbo')
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a tram in the fog')
    await user.click(screen.getByRole('button', { name: 'Generate' }))

    const jobs = await screen.findByRole('list', { name: 'Jobs' })
    expect(await within(jobs).findByText('Queued')).toBeInTheDocument()
    expect(within(jobs).getByText('Est. $0.008')).toBeInTheDocument()

    const [job] = api.jobs
    if (!job) throw new Error('the fake server received no job')
    const image = makeImage({ jobId: job.id, model: 'z-image-turbo', prompt: 'a tram in the fog', seed: 77 })
    api.jobs = [{ ...job, status: 'completed', seed: 77, finishedAt: new Date().toISOString(), images: [image] }]
    api.images = [image]

    const grid = await screen.findByRole('list', { name: 'Images' }, { timeout: 3_000 })
    expect(within(grid).getByAltText('a tram in the fog')).toBeInTheDocument()
    await waitFor(() => expect(within(jobs).getByText('Seed 77')).toBeInTheDocument())
  })
})
