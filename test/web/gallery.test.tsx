import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { Gallery } from '../../web/features/gallery/gallery'
import { fakeApi, makeImage } from './fake-api'
import { renderWithQuery } from './render'

const heron = makeImage({
  id: 'img_heron',
  model: 'ernie-image',
  prompt: 'a grey heron at dawn',
  params: {
    prompt: 'a grey heron at dawn',
    negative_prompt: 'people, boats',
    image_size: 'landscape_4_3',
    num_inference_steps: 50,
    guidance_scale: 5.5,
    num_images: 1,
    output_format: 'png',
    acceleration: 'regular',
    enable_prompt_expansion: false,
    enable_safety_checker: true,
  },
  seed: 424242,
  width: 1024,
  height: 768,
  bytes: 1_572_864,
  mimeType: 'image/png',
  createdAt: '2025-05-01T10:00:00.000Z',
})
const fox = makeImage({ id: 'img_fox', prompt: 'a red fox in fresh snow' })
const owl = makeImage({ id: 'img_owl', prompt: 'a snowy owl on a fence post' })

describe('gallery', () => {
  it('says so when there are no images', async () => {
    fakeApi()
    renderWithQuery(<Gallery />)
    expect(await screen.findByText('No images yet')).toBeInTheDocument()
  })

  it('shows lazy thumbnails, sized, with the prompt as alt text, newest first', async () => {
    fakeApi({ images: [heron, fox] })
    renderWithQuery(<Gallery />)
    const thumbs = await screen.findAllByRole('img')
    expect(thumbs.map((img) => img.getAttribute('alt'))).toEqual(['a grey heron at dawn', 'a red fox in fresh snow'])
    const first = screen.getByAltText('a grey heron at dawn')
    expect(first).toHaveAttribute('src', heron.thumbUrl)
    expect(first).toHaveAttribute('loading', 'lazy')
    expect(first).toHaveAttribute('width', '1024')
    expect(first).toHaveAttribute('height', '768')
  })

  it('loads the next page with the cursor on "Load more"', async () => {
    const many = Array.from({ length: 61 }, (_, i) => makeImage({ prompt: `frame ${i}` }))
    const api = fakeApi({ images: many })
    const { user } = renderWithQuery(<Gallery />)
    expect(await screen.findAllByRole('img')).toHaveLength(60)
    await user.click(screen.getByRole('button', { name: 'Load more' }))
    expect(await screen.findByAltText('frame 60')).toBeInTheDocument()
    expect(api.calls('GET', '/api/images').map((r) => r.search.get('cursor'))).toEqual([null, '60'])
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument()
  })

  it('opens a lightbox with the full image and every parameter', async () => {
    fakeApi({ images: [heron, fox] })
    const { user } = renderWithQuery(<Gallery />)
    await user.click(await screen.findByAltText('a grey heron at dawn'))
    const dialog = screen.getByRole('dialog')
    expect(within(dialog).getByAltText('a grey heron at dawn')).toHaveAttribute('src', heron.url)
    for (const text of [
      'people, boats',
      'ERNIE Image 1.0',
      '424242',
      '1024 × 768',
      'Landscape 4:3 (1024 × 768)',
      '50',
      '5.5',
      'regular',
      'PNG · 1.5 MB',
    ]) {
      expect(within(dialog).getByText(text)).toBeInTheDocument()
    }
    expect(within(dialog).getByText('Guidance')).toBeInTheDocument()
    expect(within(dialog).getByText('Prompt expansion').nextElementSibling).toHaveTextContent('Off')
    expect(within(dialog).getByText('Created').nextElementSibling).toHaveTextContent('2025')
  })

  it('moves between images with the arrow keys and closes with Escape', async () => {
    fakeApi({ images: [heron, fox, owl] })
    const { user } = renderWithQuery(<Gallery />)
    await user.click(await screen.findByAltText('a red fox in fresh snow'))
    const full = () => within(screen.getByRole('dialog')).getAllByRole('img')[0]
    expect(full()).toHaveAttribute('src', fox.url)
    await user.keyboard('{ArrowRight}')
    expect(full()).toHaveAttribute('src', owl.url)
    await user.keyboard('{ArrowRight}')
    expect(full()).toHaveAttribute('src', owl.url)
    await user.keyboard('{ArrowLeft}{ArrowLeft}')
    expect(full()).toHaveAttribute('src', heron.url)
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('deletes an image after confirmation and drops it from the grid', async () => {
    const api = fakeApi({ images: [heron, fox] })
    const { user } = renderWithQuery(<Gallery />)
    await user.click(await screen.findByAltText('a grey heron at dawn'))
    const dialog = screen.getByRole('dialog')
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }))
    expect(api.calls('DELETE', /^\/api\/images\//)).toHaveLength(0)
    await user.click(within(dialog).getByRole('button', { name: 'Delete image' }))
    await waitFor(() => expect(api.calls('DELETE', '/api/images/img_heron')).toHaveLength(1))
    const grid = await screen.findByRole('list', { name: 'Images' })
    await waitFor(() => expect(within(grid).queryByAltText('a grey heron at dawn')).not.toBeInTheDocument())
    expect(within(grid).getByAltText('a red fox in fresh snow')).toBeInTheDocument()
    expect(within(screen.getByRole('dialog')).getAllByRole('img')[0]).toHaveAttribute('src', fox.url)
  })
})
