import { screen, waitFor, within } from '@testing-library/react'
import { vi } from 'vitest'
import { describe, expect, it } from 'vitest'
import { ComparePage } from '../../web/features/compare/compare-page'
import { SideBySidePage } from '../../web/features/compare/side-by-side-page'
import { RecentImages } from '../../web/features/gallery/recent-images'
import { fakeCompareApi, makeComparison, THREE_BY_THREE } from './compare-fixtures'
import { fakeApi, makeImage } from './fake-api'
import { renderWithQuery } from './render'

const fox = makeImage({
  id: 'img_a',
  model: 'ernie-image',
  prompt: 'a fox',
  params: { prompt: 'a fox', num_inference_steps: 50, guidance_scale: 5, image_size: 'square_hd' },
  seed: 7,
})
const fox2 = makeImage({
  id: 'img_b',
  model: 'z-image-turbo',
  prompt: 'a fox',
  params: { prompt: 'a fox', num_inference_steps: 8, image_size: 'square_hd' },
  seed: 7,
  comparisonId: 'cmp_1',
})

function serveImages(images = [fox, fox2]) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://darkroom.test')
      const ids = (url.searchParams.get('images') ?? '').split(',')
      const body = { items: images.filter((i) => ids.includes(i.id)) }
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
    }),
  )
}

describe('side by side', () => {
  it('shows the picked images with a parameter table that marks what differs, n/a where a model lacks one', async () => {
    serveImages()
    renderWithQuery(<SideBySidePage ids={['img_a', 'img_b']} />)
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
    serveImages()
    const { user } = renderWithQuery(<SideBySidePage ids={['img_a', 'img_b']} />)
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
    fakeApi({ images: [fox, fox2] })
    const { user } = renderWithQuery(<RecentImages />)
    await user.click(await screen.findByRole('button', { name: 'Compare…' }))
    const thumbs = within(screen.getByRole('list', { name: 'Images' })).getAllByRole('button')
    await user.click(thumbs[0]!)
    expect(screen.getByRole('button', { name: 'Side by side' })).toBeDisabled()
    await user.click(thumbs[1]!)
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Side by side' }))
    expect(window.location.pathname + window.location.search).toBe('/compare/side?images=img_a,img_b')
  })

  it('duplicates a saved comparison into the editor', async () => {
    fakeCompareApi({ comparison: makeComparison(THREE_BY_THREE) })
    renderWithQuery(<ComparePage from="cmp_1" />)
    expect(await screen.findByRole('textbox', { name: 'Title' })).toHaveValue('Model × Steps · a lighthouse (copy)')
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('a lighthouse')
    expect(screen.getByRole('textbox', { name: 'Shared seed' })).toHaveValue('4242')
    expect(screen.getByRole('textbox', { name: 'Y values' })).toHaveValue('4, 6, 8')
    expect(screen.getByRole('textbox', { name: 'Guidance' })).toHaveValue('5')
    await waitFor(() => expect(screen.getByLabelText('Run summary')).toHaveTextContent('9 images'))
  })
})
