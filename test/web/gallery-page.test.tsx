import { screen, waitFor, within } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Image } from '../../shared/api'
import type { ImagePage } from '../../shared/api'
import type { Collection } from '../../shared/gallery-api'
import { Toaster } from '../../web/components/ui/toast'
import { GalleryPage } from '../../web/features/gallery/gallery-page'
import { startRealApi, type RealApi } from './real-api'
import { renderWithQuery } from './render'

const at = (url: string) => window.history.replaceState(null, '', url)
const urlQuery = () => new URLSearchParams(window.location.search).get('q')
const searchBox = () => screen.getByRole('searchbox', { name: 'Search images' })
const grid = () => screen.findByRole('list', { name: 'Images' })
const tiles = async () => within(await grid()).getAllByRole('listitem')
const lastQuery = (api: RealApi) => api.calls('GET', '/api/images').at(-1)?.search.get('q') ?? null

type Birds = { heron: Image; owl: Image; fox: Image }
/** Three requests, oldest first, so the gallery lists heron, owl, fox: two share seed 42, each has its own model. */
async function seedBirds(api: RealApi): Promise<Birds> {
  const [fox] = await api.seedImages('z-image-turbo', ['a red fox in fresh snow'], { seed: 42 })
  const [owl] = await api.seedImages('ernie-image', ['a snowy owl on a fence post'], { seed: 7 })
  const [heron] = await api.seedImages('ernie-image-turbo', ['a grey heron at dawn'], { seed: 42 })
  return { heron: heron!, owl: owl!, fox: fox! }
}

function renderPage() {
  return renderWithQuery(
    <>
      <GalleryPage />
      <Toaster />
    </>,
  )
}

describe('gallery page: the query in the box, the controls and the URL', () => {
  let api: RealApi
  beforeAll(async () => {
    api = await startRealApi()
    await seedBirds(api)
  })
  afterAll(() => api.close())

  it('opens the view a shared link describes: box, controls and request all say the same', async () => {
    at('/gallery?q=model%3Az-image-turbo+seed%3A42&sort=oldest')
    api.connect()
    renderPage()
    expect(await tiles()).toHaveLength(1)
    expect(screen.getByAltText('a red fox in fresh snow')).toBeInTheDocument()
    expect(lastQuery(api)).toBe('model:z-image-turbo seed:42')
    expect(api.calls('GET', '/api/images').at(-1)?.search.get('sort')).toBe('oldest')
    expect(searchBox()).toHaveValue('model:z-image-turbo seed:42')
    // The filters panel opens by itself when the link carries filters.
    const filters = screen.getByRole('group', { name: 'Filters' })
    expect(within(filters).getByRole('button', { name: 'Z-Image Turbo' })).toHaveAttribute('aria-pressed', 'true')
    expect(within(filters).getByRole('button', { name: 'ERNIE Image 1.0' })).toHaveAttribute('aria-pressed', 'false')
    expect(within(filters).getByRole('textbox', { name: 'Seed' })).toHaveValue('42')
    expect(screen.getByRole('combobox', { name: 'Sort' })).toHaveValue('oldest')
  })

  it('applies a typed query to the URL and the controls, and shows what it could not read', async () => {
    at('/gallery')
    api.connect()
    const { user } = renderPage()
    expect(await tiles()).toHaveLength(3)
    await user.type(searchBox(), 'model:ernie colour:red snowy{Enter}')
    await waitFor(() => expect(urlQuery()).toBe('model:ernie colour:red snowy'))
    expect(lastQuery(api)).toBe('model:ernie colour:red snowy')
    await waitFor(async () => expect(await tiles()).toHaveLength(1))
    expect(screen.getByAltText('a snowy owl on a fence post')).toBeInTheDocument()
    const problems = screen.getByRole('list', { name: 'Query problems' })
    expect(problems).toHaveTextContent('Unknown filter "colour:"')
    expect(searchBox()).toHaveAttribute('aria-invalid', 'true')

    await user.click(screen.getByRole('button', { name: /Filters/ }))
    const filters = screen.getByRole('group', { name: 'Filters' })
    for (const name of ['ERNIE Image Turbo', 'ERNIE Image 1.0']) {
      expect(within(filters).getByRole('button', { name })).toHaveAttribute('aria-pressed', 'true')
    }
    expect(within(filters).getByRole('button', { name: 'Z-Image Turbo' })).toHaveAttribute('aria-pressed', 'false')
  })

  it('writes what the controls set into the box and the URL, in the query language', async () => {
    at('/gallery?q=fox')
    api.connect()
    const { user } = renderPage()
    await tiles()
    await user.click(screen.getByRole('button', { name: /Filters/ }))
    const filters = screen.getByRole('group', { name: 'Filters' })
    await user.click(within(filters).getByRole('button', { name: 'Z-Image Turbo' }))
    expect(urlQuery()).toBe('model:z-image-turbo fox')
    expect(searchBox()).toHaveValue('model:z-image-turbo fox')

    await user.type(within(filters).getByRole('textbox', { name: 'Steps' }), '4..1')
    expect(urlQuery()).toBe('model:z-image-turbo steps:1..4 fox')
    // What was typed stays as typed while it means the same.
    expect(within(filters).getByRole('textbox', { name: 'Steps' })).toHaveValue('4..1')

    await user.type(within(filters).getByRole('textbox', { name: 'Size' }), '1024x')
    expect(within(filters).getByRole('textbox', { name: 'Size' })).toHaveAccessibleDescription(/Width x height/)
    expect(urlQuery()).toBe('model:z-image-turbo steps:1..4 fox')
    await user.type(within(filters).getByRole('textbox', { name: 'Size' }), '768')
    await user.click(within(filters).getByRole('checkbox', { name: 'Favourites only' }))
    expect(urlQuery()).toBe('model:z-image-turbo steps:1..4 width:1024 height:768 fav fox')
    await waitFor(() => expect(lastQuery(api)).toBe('model:z-image-turbo steps:1..4 width:1024 height:768 fav fox'))

    await user.click(within(filters).getByRole('button', { name: 'Clear filters' }))
    expect(urlQuery()).toBe('fox')
    expect(searchBox()).toHaveValue('fox')
  })
})

describe('gallery page: stacks, selection and bulk actions', () => {
  // Each test starts from an empty gallery of its own.
  let api: RealApi
  beforeEach(async () => {
    api = await startRealApi()
  })
  afterEach(() => api.close())

  it('shows the images of one request as one stack that expands', async () => {
    at('/gallery')
    const [fox] = await api.seedImages('z-image-turbo', ['a red fox in fresh snow'])
    const lanterns = await api.generate('z-image-turbo', { prompt: 'four lanterns', num_images: 4 })
    const [heron] = await api.seedImages('z-image-turbo', ['a grey heron at dawn'])
    expect(lanterns.images).toHaveLength(4)
    api.connect()
    const { user } = renderPage()
    expect(await tiles()).toHaveLength(3)
    await user.click(screen.getByRole('button', { name: 'Expand the stack of 4' }))
    const open = await tiles()
    expect(open).toHaveLength(6)
    // The stack spreads in the request's order, between the newer and the older image.
    const inOrder = [...lanterns.images].sort((a, b) => a.index - b.index)
    expect(open.map((t) => within(t).getByRole('img').getAttribute('src'))).toEqual([heron!, ...inOrder, fox!].map((i) => i.thumbUrl))
    await user.click(screen.getByRole('button', { name: 'Collapse the stack of 4' }))
    expect(await tiles()).toHaveLength(3)
  })

  it('selects with checkboxes, shift-click ranges and "Select all in view", then favourites them together', async () => {
    at('/gallery')
    // Made from frame 7 to frame 0, so the gallery lists frame 0 first.
    const images = await api.seedImages(
      'z-image-turbo',
      [7, 6, 5, 4, 3, 2, 1, 0].map((i) => `frame ${i}`),
    )
    expect(images.map((i) => i.prompt)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => `frame ${i}`))
    api.connect()
    const { user } = renderPage()
    const boxes = async () => within(await grid()).getAllByRole('checkbox', { name: 'Select image' })
    await user.click((await boxes())[1]!)
    const bar = screen.getByRole('toolbar', { name: 'Selected images' })
    expect(bar).toHaveTextContent('1 image selected')
    await user.keyboard('{Shift>}')
    await user.click((await boxes())[4]!)
    await user.keyboard('{/Shift}')
    expect(bar).toHaveTextContent('4 images selected')
    expect((await boxes()).map((b) => (b as HTMLInputElement).checked)).toEqual([false, true, true, true, true, false, false, false])
    // In select mode a click on the image selects instead of opening it.
    await user.click(screen.getByAltText('frame 7'))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(bar).toHaveTextContent('5 images selected')

    await user.click(within(bar).getByRole('button', { name: 'Favourite' }))
    await waitFor(() => expect(api.calls('POST', '/api/images/bulk')).toHaveLength(1))
    expect(api.calls('POST', '/api/images/bulk')[0]?.body).toEqual({ action: 'favourite', ids: [1, 2, 3, 4, 7].map((i) => images[i]!.id) })
    await waitFor(async () => expect(within(await grid()).getAllByRole('button', { name: 'Favourite', pressed: true })).toHaveLength(5))
    const favourites = await api.json<ImagePage>('/api/images?q=fav')
    expect(favourites.items.map((i) => i.prompt).sort()).toEqual(['frame 1', 'frame 2', 'frame 3', 'frame 4', 'frame 7'])

    await user.click(within(bar).getByRole('button', { name: 'Select all in view (8)' }))
    expect(bar).toHaveTextContent('8 images selected')
    await user.click(within(bar).getByRole('button', { name: 'Done' }))
    expect(screen.queryByRole('toolbar', { name: 'Selected images' })).not.toBeInTheDocument()
  })

  it('shift-click over a stack selects what the tiles show: a collapsed stack whole, an open one member by member', async () => {
    at('/gallery')
    // The gallery lists heron, the four lanterns (one request), then fox.
    const [fox] = await api.seedImages('z-image-turbo', ['a red fox in fresh snow'])
    const lanterns = await api.generate('z-image-turbo', { prompt: 'four lanterns', num_images: 4 })
    const [heron] = await api.seedImages('z-image-turbo', ['a grey heron at dawn'])
    expect([fox, heron].every(Boolean)).toBe(true)
    const [first, second] = [...lanterns.images].sort((a, b) => a.index - b.index)
    api.connect()
    const { user } = renderPage()
    const checkbox = async (name: string) => within(await grid()).getByRole('checkbox', { name })
    await user.click((await within(await grid()).findAllByRole('checkbox', { name: 'Select image' }))[0]!)
    const bar = screen.getByRole('toolbar', { name: 'Selected images' })
    await user.keyboard('{Shift>}')
    await user.click(within(await grid()).getAllByRole('checkbox', { name: 'Select image' })[1]!)
    await user.keyboard('{/Shift}')
    // Three tiles in view, so six images: the stack's tile stands for its four, and the bar says so.
    expect(bar).toHaveTextContent('6 images selected · 4 in stacks')
    expect(await checkbox('Select stack of 4')).toBeChecked()
    expect(await checkbox('Select stack of 4')).toHaveAttribute('title', expect.stringContaining('all 4 images of this stack'))

    await user.click(within(bar).getByRole('button', { name: 'Done' }))
    await user.click(screen.getByRole('button', { name: 'Expand the stack of 4' }))
    const singles = async () => within(await grid()).getAllByRole('checkbox', { name: 'Select image' })
    await user.click((await singles())[0]!)
    await user.keyboard('{Shift>}')
    await user.click((await singles())[2]!)
    await user.keyboard('{/Shift}')
    // Open, the stack is single tiles: heron and the first two lanterns, nothing hidden.
    expect(screen.getByRole('toolbar', { name: 'Selected images' })).toHaveTextContent(/^3 images selected/)
    expect((await singles()).map((b) => (b as HTMLInputElement).checked)).toEqual([true, true, true, false, false, false])

    // Collapsed again, the stack shows that part of it is picked instead of hiding the picks.
    await user.click(screen.getByRole('button', { name: 'Collapse the stack of 4' }))
    expect(await checkbox('Select stack of 4')).toBePartiallyChecked()
    expect(screen.getByRole('toolbar', { name: 'Selected images' })).toHaveTextContent('3 images selected · 2 in stacks')
    await user.click(within(screen.getByRole('toolbar', { name: 'Selected images' })).getByRole('button', { name: 'Favourite' }))
    await waitFor(() => expect(api.calls('POST', '/api/images/bulk')).toHaveLength(1))
    expect(api.calls('POST', '/api/images/bulk')[0]?.body).toEqual({ action: 'favourite', ids: [heron!.id, first!.id, second!.id] })
  })

  it('deletes the selection with an Undo that restores it, adds it to a collection, and asks for a zip', async () => {
    at('/gallery')
    const { heron, owl } = await seedBirds(api)
    await api.json<Collection>('/api/collections', { method: 'POST', json: { name: 'Birds' } })
    api.connect()
    const { user } = renderPage()
    const clicked: string[] = []
    document.addEventListener('click', (e) => {
      if (e.target instanceof HTMLAnchorElement && e.target.download !== undefined) {
        clicked.push(e.target.getAttribute('href') ?? '')
        e.preventDefault()
      }
    })
    await user.click(await screen.findByRole('button', { name: 'Select' }))
    await user.click(screen.getByAltText('a grey heron at dawn'))
    await user.click(screen.getByAltText('a snowy owl on a fence post'))
    const bar = screen.getByRole('toolbar', { name: 'Selected images' })

    await user.selectOptions(within(bar).getByRole('combobox', { name: 'Add selected to collection' }), 'Birds')
    expect(await screen.findByText('Added 2 images to Birds.')).toBeInTheDocument()
    const filed = await api.json<ImagePage>(`/api/images?q=${encodeURIComponent('collection:Birds')}`)
    expect(filed.items.map((i) => i.id)).toEqual([heron.id, owl.id])

    await user.click(within(bar).getByRole('button', { name: 'Download zip' }))
    await waitFor(() => expect(clicked).toHaveLength(1))
    expect(api.calls('POST', '/api/images/zip')[0]?.body).toEqual({ ids: [heron.id, owl.id] })
    // The link the browser followed is the server's download of those two.
    const zip = await api.call(clicked[0]!)
    expect(zip.status).toBe(200)
    expect(zip.headers.get('Content-Type')).toMatch(/zip/)

    await user.click(within(bar).getByRole('button', { name: 'Delete' }))
    const toast = await screen.findByText('Deleted 2 images.')
    await waitFor(async () => expect(await tiles()).toHaveLength(1))
    expect(screen.queryByRole('toolbar', { name: 'Selected images' })).not.toBeInTheDocument()
    await user.click(within(toast.parentElement!).getByRole('button', { name: /Undo/ }))
    await waitFor(async () => expect(await tiles()).toHaveLength(3))
    expect(api.calls('POST', '/api/images/bulk').at(-1)?.body).toEqual({ action: 'restore', ids: [heron.id, owl.id] })
  })
})

describe('gallery page: collections', () => {
  let api: RealApi
  beforeAll(async () => {
    api = await startRealApi()
  })
  afterAll(() => api.close())
  const names = async () => (await api.json<{ items: Collection[] }>('/api/collections')).items.map((c) => c.name).sort()

  it('creates, shows, renames and deletes collections; showing one filters the view by it', async () => {
    at('/gallery')
    const { heron, owl } = await seedBirds(api)
    const collection = await api.json<Collection>('/api/collections', { method: 'POST', json: { name: 'Birds' } })
    await api.json('/api/images/bulk', {
      method: 'POST',
      json: { action: 'add-to-collection', ids: [owl.id, heron.id], collectionId: collection.id },
    })
    api.connect()
    const { user } = renderPage()
    const library = screen.getByRole('navigation', { name: 'Library' })
    const birds = await within(library).findByRole('button', { name: /^Birds/ })
    expect(birds).toHaveTextContent('2')
    await user.click(birds)
    expect(urlQuery()).toBe('collection:Birds')
    await waitFor(async () => expect(await tiles()).toHaveLength(2))

    await user.click(within(library).getByRole('button', { name: 'Rename Birds' }))
    const name = within(library).getByRole('textbox', { name: 'New name for Birds' })
    await user.clear(name)
    await user.type(name, 'Water birds{Enter}')
    await waitFor(() => expect(urlQuery()).toBe('collection:"Water birds"'))
    expect(within(library).getByRole('button', { name: /^Water birds/ })).toHaveAttribute('aria-current', 'true')

    await user.click(within(library).getByRole('button', { name: '+ New' }))
    await user.type(within(library).getByRole('textbox', { name: 'Collection name' }), 'Mood board{Enter}')
    expect(await within(library).findByRole('button', { name: /^Mood board/ })).toBeInTheDocument()
    expect(await names()).toEqual(['Mood board', 'Water birds'])

    await user.click(within(library).getByRole('button', { name: 'Delete Water birds' }))
    await user.click(within(library).getByRole('button', { name: 'Delete collection' }))
    await waitFor(() => expect(urlQuery()).toBeNull())
    expect(await names()).toEqual(['Mood board'])
    expect(await tiles()).toHaveLength(3)
  })
})
