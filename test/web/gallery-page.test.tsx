import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { Toaster } from '../../web/components/ui/toast'
import { GalleryPage } from '../../web/features/gallery/gallery-page'
import { fakeApi, makeImage } from './fake-api'
import { renderWithQuery } from './render'

const at = (url: string) => window.history.replaceState(null, '', url)
const urlQuery = () => new URLSearchParams(window.location.search).get('q')
const searchBox = () => screen.getByRole('searchbox', { name: 'Search images' })
const grid = () => screen.findByRole('list', { name: 'Images' })
const tiles = async () => within(await grid()).getAllByRole('listitem')
const lastQuery = (api: ReturnType<typeof fakeApi>) => api.calls('GET', '/api/images').at(-1)?.search.get('q') ?? null

const fox = makeImage({ id: 'img_fox', jobId: 'job_fox', model: 'z-image-turbo', prompt: 'a red fox in fresh snow', seed: 42 })
const owl = makeImage({ id: 'img_owl', jobId: 'job_owl', model: 'ernie-image', prompt: 'a snowy owl on a fence post', seed: 7 })
const heron = makeImage({ id: 'img_heron', jobId: 'job_heron', model: 'ernie-image-turbo', prompt: 'a grey heron at dawn', seed: 42 })

function renderPage() {
  return renderWithQuery(
    <>
      <GalleryPage />
      <Toaster />
    </>,
  )
}

describe('gallery page: the query in the box, the controls and the URL', () => {
  it('opens the view a shared link describes: box, controls and request all say the same', async () => {
    at('/gallery?q=model%3Az-image-turbo+seed%3A42&sort=oldest')
    const api = fakeApi({ images: [heron, owl, fox] })
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
    const api = fakeApi({ images: [heron, owl, fox] })
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
    const api = fakeApi({ images: [heron, owl, fox] })
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
  const four = [0, 1, 2, 3].map((index) => makeImage({ id: `img_req-${index}`, jobId: 'job_req', index, prompt: `four lanterns ${index}` }))

  it('shows the images of one request as one stack that expands', async () => {
    at('/gallery')
    fakeApi({ images: [heron, ...four, fox] })
    const { user } = renderPage()
    expect(await tiles()).toHaveLength(3)
    await user.click(screen.getByRole('button', { name: 'Expand the stack of 4' }))
    const open = await tiles()
    expect(open).toHaveLength(6)
    expect(open.map((t) => within(t).getByRole('img').getAttribute('alt'))).toEqual([
      'a grey heron at dawn',
      'four lanterns 0',
      'four lanterns 1',
      'four lanterns 2',
      'four lanterns 3',
      'a red fox in fresh snow',
    ])
    await user.click(screen.getByRole('button', { name: 'Collapse the stack of 4' }))
    expect(await tiles()).toHaveLength(3)
  })

  it('selects with checkboxes, shift-click ranges and "Select all in view", then favourites them together', async () => {
    at('/gallery')
    const images = Array.from({ length: 8 }, (_, i) => makeImage({ id: `img_${i}`, jobId: `job_${i}`, prompt: `frame ${i}` }))
    const api = fakeApi({ images })
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
    expect(api.calls('POST', '/api/images/bulk')[0]?.body).toEqual({ action: 'favourite', ids: ['img_1', 'img_2', 'img_3', 'img_4', 'img_7'] })
    await waitFor(async () => expect(within(await grid()).getAllByRole('button', { name: 'Favourite', pressed: true })).toHaveLength(5))

    await user.click(within(bar).getByRole('button', { name: 'Select all in view (8)' }))
    expect(bar).toHaveTextContent('8 images selected')
    await user.click(within(bar).getByRole('button', { name: 'Done' }))
    expect(screen.queryByRole('toolbar', { name: 'Selected images' })).not.toBeInTheDocument()
  })

  it('shift-click over a stack selects what the tiles show: a collapsed stack whole, an open one member by member', async () => {
    at('/gallery')
    const api = fakeApi({ images: [heron, ...four, fox] })
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
    expect(api.calls('POST', '/api/images/bulk')[0]?.body).toEqual({ action: 'favourite', ids: ['img_heron', 'img_req-0', 'img_req-1'] })
  })

  it('deletes the selection with an Undo that restores it, adds it to a collection, and asks for a zip', async () => {
    at('/gallery')
    const api = fakeApi({ images: [heron, owl, fox], collections: [{ id: 'col_birds', name: 'Birds' }] })
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
    expect([...api.collections[0]!.imageIds]).toEqual(['img_heron', 'img_owl'])

    await user.click(within(bar).getByRole('button', { name: 'Download zip' }))
    await waitFor(() => expect(clicked).toEqual(['/api/downloads/fake-ticket.zip']))
    expect(api.calls('POST', '/api/images/zip')[0]?.body).toEqual({ ids: ['img_heron', 'img_owl'] })

    await user.click(within(bar).getByRole('button', { name: 'Delete' }))
    const toast = await screen.findByText('Deleted 2 images.')
    await waitFor(async () => expect(await tiles()).toHaveLength(1))
    expect(screen.queryByRole('toolbar', { name: 'Selected images' })).not.toBeInTheDocument()
    await user.click(within(toast.parentElement!).getByRole('button', { name: /Undo/ }))
    await waitFor(async () => expect(await tiles()).toHaveLength(3))
    expect(api.calls('POST', '/api/images/bulk').at(-1)?.body).toEqual({ action: 'restore', ids: ['img_heron', 'img_owl'] })
  })
})

describe('gallery page: collections', () => {
  it('creates, shows, renames and deletes collections; showing one filters the view by it', async () => {
    at('/gallery')
    const api = fakeApi({ images: [heron, owl, fox], collections: [{ id: 'col_birds', name: 'Birds', imageIds: ['img_owl', 'img_heron'] }] })
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
    expect(api.collections.map((c) => c.name)).toEqual(['Water birds', 'Mood board'])

    await user.click(within(library).getByRole('button', { name: 'Delete Water birds' }))
    await user.click(within(library).getByRole('button', { name: 'Delete collection' }))
    await waitFor(() => expect(urlQuery()).toBeNull())
    expect(api.collections.map((c) => c.name)).toEqual(['Mood board'])
    expect(await tiles()).toHaveLength(3)
  })
})
