import { screen, waitFor, within } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Image } from '../../shared/api'
import type { Comparison } from '../../shared/compare'
import { ComparePage } from '../../web/features/compare/compare-page'
import { SideBySidePage } from '../../web/features/compare/side-by-side-page'
import { RecentImages } from '../../web/features/gallery/recent-images'
import { startRealApi, type RealApi } from './real-api'
import { renderWithQuery } from './render'

let api: RealApi
let fox: Image
let fox2: Image
beforeAll(async () => {
  api = await startRealApi()
  // Two pictures of the same prompt and seed by two models: model, steps and guidance differ.
  fox = (await api.seedImages('ernie-image', ['a fox'], { num_inference_steps: 50, guidance_scale: 5, image_size: 'square_hd', seed: 7 }))[0]!
  fox2 = (await api.seedImages('z-image-turbo', ['a fox'], { num_inference_steps: 8, image_size: 'square_hd', seed: 7 }))[0]!
})
afterAll(() => api.close())

describe('side by side', () => {
  it('shows the picked images with a parameter table that marks what differs, n/a where a model lacks one', async () => {
    api.connect()
    renderWithQuery(<SideBySidePage ids={[fox.id, fox2.id]} />)
    const table = await screen.findByRole('table', { name: 'Parameters' })
    const row = (label: string) => within(table).getByText(label).closest('tr')!
    expect(row('Model')).toHaveAttribute('data-differs', 'true')
    expect(row('Model')).toHaveTextContent('ERNIE Image 1.0Z-Image Turbo')
    expect(row('Prompt')).not.toHaveAttribute('data-differs')
    expect(row('Seed')).not.toHaveAttribute('data-differs')
    expect(row('Guidance')).toHaveTextContent('5n/a')
    expect(screen.getByAltText('A: a fox')).toHaveAttribute('src', fox.url)
  })

  it('narrows the table to differences, and overlays two images with a slider', async () => {
    api.connect()
    const { user } = renderWithQuery(<SideBySidePage ids={[fox.id, fox2.id]} />)
    const table = await screen.findByRole('table', { name: 'Parameters' })
    await user.click(screen.getByRole('checkbox', { name: /Only what differs/ }))
    expect(within(table).queryByText('Prompt')).not.toBeInTheDocument()
    expect(within(table).getByText('Steps')).toBeInTheDocument()
    await user.click(screen.getByRole('radio', { name: 'Slider' }))
    const slider = screen.getByRole('slider', { name: 'Slider position' })
    expect(slider).toHaveValue('50')
    expect(screen.getByAltText('A: a fox')).toHaveStyle({ clipPath: 'inset(0 50% 0 0)' })
  })

  it('is reached from the gallery by picking two images', async () => {
    api.connect()
    const { user } = renderWithQuery(<RecentImages />)
    await user.click(await screen.findByRole('button', { name: 'Compare…' }))
    const thumbs = within(screen.getByRole('list', { name: 'Images' })).getAllByRole('button')
    await user.click(thumbs[0]!)
    expect(screen.getByRole('button', { name: 'Side by side' })).toBeDisabled()
    await user.click(thumbs[1]!)
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Side by side' }))
    // The gallery lists newest first: the Z-Image one, then the ERNIE one.
    expect(window.location.pathname + window.location.search).toBe(`/compare/side?images=${fox2.id},${fox.id}`)
  })

  it('duplicates a saved comparison into the editor', async () => {
    // Upstream time stands still: the saved comparison's cells need not run for it to be copied.
    api.clock.hold()
    const saved = await api.json<Comparison>('/api/comparisons', {
      method: 'POST',
      json: {
        title: 'Model × Steps · a lighthouse',
        model: 'ernie-image-turbo',
        params: { prompt: 'a lighthouse', guidance_scale: 5 },
        seed: 4242,
        axes: {
          x: { param: 'model', values: ['ernie-image-turbo', 'ernie-image', 'z-image-turbo'] },
          y: { param: 'num_inference_steps', values: [4, 6, 8] },
        },
      },
    })
    api.connect()
    renderWithQuery(<ComparePage from={saved.id} />)
    expect(await screen.findByRole('textbox', { name: 'Title' })).toHaveValue('Model × Steps · a lighthouse (copy)')
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('a lighthouse')
    expect(screen.getByRole('textbox', { name: 'Shared seed' })).toHaveValue('4242')
    expect(screen.getByRole('textbox', { name: 'Y values' })).toHaveValue('4, 6, 8')
    expect(screen.getByRole('textbox', { name: 'Guidance' })).toHaveValue('5')
    await waitFor(() => expect(screen.getByLabelText('Run summary')).toHaveTextContent('9 images'))
    api.clock.release()
  })
})
