import { screen, waitFor, within } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { UserEvent } from '@testing-library/user-event'
import type { Image, Job } from '../../shared/api'
import type { Collection, ImageDetail } from '../../shared/gallery-api'
import { Toaster } from '../../web/components/ui/toast'
import { GenerateForm } from '../../web/features/generate/generate-form'
import { RecentImages } from '../../web/features/gallery/recent-images'
import { formatBytes, formatDuration } from '../../web/lib/format'
import { startRealApi, type RealApi } from './real-api'
import { renderWithQuery } from './render'

const heronParams = {
  negative_prompt: 'people, boats',
  image_size: 'landscape_4_3',
  num_inference_steps: 50,
  guidance_scale: 5.5,
  num_images: 1,
  output_format: 'png',
  acceleration: 'regular',
  enable_prompt_expansion: false,
  enable_safety_checker: true,
  seed: 424242,
}

const dialog = () => screen.getByRole('dialog')
/** Opens the lightbox from a thumbnail; its code arrives on first use, so wait until it shows. */
const openLightbox = async (user: UserEvent, alt: string) => {
  await user.click(await screen.findByAltText(alt))
  await screen.findByRole('dialog')
}
const fullImage = () => within(dialog()).getAllByRole('img')[0]
describe('recent images', () => {
  // Tests in this block build on each other: an empty gallery, then two images, then thirty.
  let api: RealApi
  beforeAll(async () => {
    api = await startRealApi()
  })
  afterAll(() => api.close())

  it('says so when there are no images', async () => {
    api.connect()
    renderWithQuery(<RecentImages />)
    expect(await screen.findByText('No images yet')).toBeInTheDocument()
  })

  it('shows lazy thumbnails, sized, with the prompt as alt text, newest first', async () => {
    const [heron] = await api.seedImages('ernie-image', ['a red fox in fresh snow', 'a grey heron at dawn'], heronParams)
    api.connect()
    renderWithQuery(<RecentImages />)
    const thumbs = await screen.findAllByRole('img')
    expect(thumbs.map((img) => img.getAttribute('alt'))).toEqual(['a grey heron at dawn', 'a red fox in fresh snow'])
    const first = screen.getByAltText('a grey heron at dawn')
    expect(first).toHaveAttribute('src', heron!.thumbUrl)
    expect(first).toHaveAttribute('loading', 'lazy')
    expect(first).toHaveAttribute('width', '1024')
    expect(first).toHaveAttribute('height', '768')
  })

  it('shows only the newest 24 and links to the whole gallery', async () => {
    // Two are there already; 28 more, made at once.
    const jobs = await Promise.all(
      Array.from({ length: 28 }, (_, i) =>
        api.json<Job>('/api/jobs', { method: 'POST', json: { model: 'z-image-turbo', params: { prompt: `frame ${i}` } } }),
      ),
    )
    for (const job of jobs) expect((await api.settle(job.id)).status).toBe('completed')
    api.connect()
    renderWithQuery(<RecentImages />)
    const grid = await screen.findByRole('list', { name: 'Images' })
    expect(within(grid).getAllByRole('img')).toHaveLength(24)
    expect(api.calls('GET', '/api/images').map((r) => r.search.get('limit'))).toEqual(['24'])
    expect(screen.getByRole('link', { name: 'Open the gallery →' })).toHaveAttribute('href', '/gallery')
  })
})

describe('lightbox', () => {
  let api: RealApi
  let heron: Image
  let fox: Image
  let owl: Image
  beforeAll(async () => {
    api = await startRealApi()
    // Oldest first, so the gallery lists heron, fox, owl.
    const [foxImage, owlImage] = await api.seedImages('ernie-image-turbo', ['a snowy owl on a fence post', 'a red fox in fresh snow'])
    const [heronImage] = await api.seedImages('ernie-image', ['a grey heron at dawn'], heronParams)
    ;[heron, fox, owl] = [heronImage!, foxImage!, owlImage!]
  })
  afterAll(() => api.close())
  const detail = (image: Image) => api.json<ImageDetail>(`/api/images/${image.id}`)

  it('shows the full image, every parameter, and the request: id, timings and cost', async () => {
    const recorded = await detail(heron)
    api.connect()
    const { user } = renderWithQuery(<RecentImages />)
    await openLightbox(user, 'a grey heron at dawn')
    expect(fullImage()).toHaveAttribute('src', heron.url)
    // What the server recorded of the download (size, timings) is what the lightbox reads out.
    expect(heron).toMatchObject({ width: 1024, height: 768, mimeType: 'image/png' })
    const size = `PNG · ${formatBytes(heron.bytes)}`
    for (const text of ['people, boats', 'ERNIE Image 1.0', '424242', 'Landscape 4:3 · 1024 × 768', '50', '5.5', 'regular', size]) {
      expect(within(dialog()).getByText(text)).toBeInTheDocument()
    }
    expect(within(dialog()).getByText('Prompt expansion').nextElementSibling).toHaveTextContent('Off')
    expect(recorded.requestId).toMatch(/\S/)
    expect(await within(dialog()).findByText(recorded.requestId!)).toBeInTheDocument()
    const took = formatDuration(Date.parse(recorded.finishedAt!) - Date.parse(recorded.submittedAt!))
    expect(within(dialog()).getByText('Took').nextElementSibling).toHaveTextContent(took)
    expect(within(dialog()).getByText('Cost').nextElementSibling).toHaveTextContent('Price unknown')
    expect(within(dialog()).getByRole('link', { name: 'Download' })).toHaveAttribute('href', heron.downloadUrl)
  })

  it('moves with the arrow keys, zooms with + - 0, and closes with Escape', async () => {
    api.connect()
    const { user } = renderWithQuery(<RecentImages />)
    await openLightbox(user, 'a red fox in fresh snow')
    expect(fullImage()).toHaveAttribute('src', fox.url)
    await user.keyboard('{ArrowRight}')
    expect(fullImage()).toHaveAttribute('src', owl.url)
    await user.keyboard('{ArrowRight}')
    expect(fullImage()).toHaveAttribute('src', owl.url)
    await user.keyboard('{ArrowLeft}{ArrowLeft}')
    expect(fullImage()).toHaveAttribute('src', heron.url)
    expect(screen.getByRole('heading', { name: 'Image 1 of 3' })).toBeInTheDocument()

    const level = () => within(dialog()).getByRole('status', { name: 'Zoom level' })
    expect(level()).toHaveTextContent('100%')
    await user.keyboard('++')
    expect(level()).toHaveTextContent('156%')
    await user.keyboard('-')
    expect(level()).toHaveTextContent('125%')
    await user.keyboard('0')
    expect(level()).toHaveTextContent('100%')
    await user.click(within(dialog()).getByRole('button', { name: 'Zoom in' }))
    expect(level()).toHaveTextContent('125%')
    await user.keyboard('{ArrowRight}')
    expect(level()).toHaveTextContent('100%')

    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('deletes at once and brings the image back with Undo', async () => {
    api.connect()
    const { user } = renderWithQuery(
      <>
        <RecentImages />
        <Toaster />
      </>,
    )
    await openLightbox(user, 'a grey heron at dawn')
    await user.click(within(dialog()).getByRole('button', { name: 'Delete' }))
    // The lightbox moves on to the next image while the first goes.
    expect(fullImage()).toHaveAttribute('src', fox.url)
    expect(api.calls('POST', '/api/images/bulk').map((r) => r.body)).toEqual([{ action: 'delete', ids: [heron.id] }])
    const grid = screen.getByRole('list', { name: 'Images' })
    await waitFor(() => expect(within(grid).queryByAltText('a grey heron at dawn')).not.toBeInTheDocument())

    const toast = await screen.findByText('Deleted 1 image.')
    await user.click(within(toast.parentElement!).getByRole('button', { name: /Undo/ }))
    expect(await screen.findByText('Restored 1 image.')).toBeInTheDocument()
    expect(await within(grid).findByAltText('a grey heron at dawn')).toBeInTheDocument()
    expect(api.calls('POST', '/api/images/bulk').at(-1)?.body).toEqual({ action: 'restore', ids: [heron.id] })
  })

  it('favourites an image, and files it in collections and out again', async () => {
    const mood = await api.json<Collection>('/api/collections', { method: 'POST', json: { name: 'Mood board' } })
    const birds = await api.json<Collection>('/api/collections', { method: 'POST', json: { name: 'Birds' } })
    api.connect()
    const { user } = renderWithQuery(<RecentImages />)
    await openLightbox(user, 'a grey heron at dawn')
    const star = within(dialog()).getByRole('button', { name: 'Favourite' })
    expect(star).toHaveAttribute('aria-pressed', 'false')
    await user.click(star)
    expect(star).toHaveAttribute('aria-pressed', 'true')
    expect(api.calls('PATCH', `/api/images/${heron.id}`).map((r) => r.body)).toEqual([{ favourite: true }])
    expect((await detail(heron)).favourite).toBe(true)

    const collections = within(dialog()).getByRole('region', { name: 'Collections' })
    const add = within(collections).getByRole('combobox', { name: 'Add to collection' })
    await waitFor(() => expect(add).toBeEnabled())
    await user.selectOptions(add, 'Birds')
    expect(await within(collections).findByText('Birds')).toBeInTheDocument()
    await user.selectOptions(within(collections).getByRole('combobox', { name: 'Add to collection' }), 'Mood board')
    await waitFor(() =>
      expect(
        within(collections)
          .getAllByRole('listitem')
          .map((li) => li.firstChild?.textContent),
      ).toEqual(['Birds', 'Mood board']),
    )
    await user.click(within(collections).getByRole('button', { name: 'Remove from Birds' }))
    await waitFor(() => expect(within(collections).getAllByRole('listitem')).toHaveLength(1))
    expect((await detail(heron)).collections).toEqual([{ id: mood.id, name: 'Mood board' }])
    const counts = (await api.json<{ items: Collection[] }>('/api/collections')).items.map((c) => [c.id, c.imageCount])
    expect(counts).toEqual(
      expect.arrayContaining([
        [birds.id, 0],
        [mood.id, 1],
      ]),
    )
  })

  it('"Reuse all parameters" fills the generate form with the model and every parameter, seed included', async () => {
    api.connect()
    window.history.replaceState(null, '', '/gallery')
    const { user } = renderWithQuery(
      <>
        <GenerateForm />
        <RecentImages />
      </>,
    )
    await openLightbox(user, 'a grey heron at dawn')
    await user.click(within(dialog()).getByRole('button', { name: 'Reuse all parameters' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(window.location.pathname).toBe('/')
    expect(screen.getByRole('combobox', { name: 'Model' })).toHaveDisplayValue('ERNIE Image 1.0')
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('a grey heron at dawn')
    expect(screen.getByRole('textbox', { name: 'Negative prompt' })).toHaveValue('people, boats')
    expect(screen.getByRole('spinbutton', { name: 'Steps' })).toHaveValue(50)
    expect(screen.getByRole('spinbutton', { name: 'Guidance' })).toHaveValue(5.5)
    expect(screen.getByRole('combobox', { name: 'Image size' })).toHaveValue('landscape_4_3')
    expect(screen.getByRole('combobox', { name: 'Format' })).toHaveValue('png')
    expect(screen.getByRole('checkbox', { name: 'Random seed' })).not.toBeChecked()
    expect(screen.getByRole('spinbutton', { name: 'Seed' })).toHaveValue(424242)
    expect(screen.getByRole('status')).toHaveTextContent('Every parameter of that ERNIE Image 1.0 image is in the form.')
  })

  it('"Copy parameters" copies A1111-style text that fills the form again when pasted into the prompt', async () => {
    api.connect()
    const { user } = renderWithQuery(
      <>
        <GenerateForm />
        <RecentImages />
      </>,
    )
    await openLightbox(user, 'a grey heron at dawn')
    await user.click(within(dialog()).getByRole('button', { name: 'Copy parameters' }))
    expect(await within(dialog()).findByRole('button', { name: 'Copied ✓' })).toBeInTheDocument()
    const text = await navigator.clipboard.readText()
    expect(text.split('\n').slice(0, 2)).toEqual(['a grey heron at dawn', 'Negative prompt: people, boats'])
    expect(text).toMatch(/Steps: 50, CFG scale: 5.5, Seed: 424242, .*Model: ernie-image\b/)

    await user.keyboard('{Escape}')
    await user.click(screen.getByRole('textbox', { name: 'Prompt' }))
    await user.paste(text)
    expect(screen.getByRole('combobox', { name: 'Model' })).toHaveDisplayValue('ERNIE Image 1.0')
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('a grey heron at dawn')
    expect(screen.getByRole('spinbutton', { name: 'Steps' })).toHaveValue(50)
    expect(screen.getByRole('spinbutton', { name: 'Seed' })).toHaveValue(424242)
  })

  it('"Reuse seed" changes only the seed', async () => {
    api.connect()
    const { user } = renderWithQuery(
      <>
        <GenerateForm />
        <RecentImages />
      </>,
    )
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a new idea')
    await openLightbox(user, 'a grey heron at dawn')
    await user.click(within(dialog()).getByRole('button', { name: 'Reuse seed' }))
    expect(screen.getByRole('spinbutton', { name: 'Seed' })).toHaveValue(424242)
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('a new idea')
    expect(screen.getByRole('combobox', { name: 'Model' })).toHaveDisplayValue('ERNIE Image Turbo')
  })
})
