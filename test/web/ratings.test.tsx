// Ratings and tags in the lightbox and on the gallery, and actions on a whole search, against the real
// server (docs/decisions/027): keys 1–5 rate the shown image and 0 clears it, T goes to the tags box,
// tiles show the rating, and "All matching…" shows the server's count before it acts by query.
import { screen, waitFor, within } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Image } from '../../shared/api'
import { imageDetailSchema } from '../../shared/gallery-api'
import { Toaster } from '../../web/components/ui/toast'
import { GalleryPage } from '../../web/features/gallery/gallery-page'
import { startRealApi, type RealApi } from './real-api'
import { renderWithQuery } from './render'

const at = (url: string) => window.history.replaceState(null, '', url)
const dialog = () => screen.getByRole('dialog')
const stars = () => within(dialog()).getByRole('radiogroup', { name: 'Rating' })

function renderPage() {
  return renderWithQuery(
    <>
      <GalleryPage />
      <Toaster />
    </>,
  )
}

describe('ratings and tags', () => {
  let api: RealApi
  let fox: Image
  let owl: Image
  let heron: Image
  const stored = async (image: Image) => imageDetailSchema.parse(await api.json(`/api/images/${image.id}`))
  beforeAll(async () => {
    api = await startRealApi()
    ;[heron, owl, fox] = (await api.seedImages('z-image-turbo', [
      'a red fox in fresh snow',
      'a snowy owl on a fence post',
      'a grey heron at dawn',
    ])) as [Image, Image, Image]
  })
  afterAll(() => api.close())

  it('rates the shown image with 1–5 and clears it with 0; the tile shows the rating', async () => {
    at('/gallery')
    api.connect()
    const { user } = renderPage()
    await user.click(await screen.findByAltText('a red fox in fresh snow'))
    await screen.findByRole('dialog')
    await user.keyboard('4')
    expect(within(stars()).getByRole('radio', { name: '4 stars' })).toHaveAttribute('aria-checked', 'true')
    await waitFor(async () => expect((await stored(fox)).rating).toBe(4))
    expect(api.calls('PATCH', `/api/images/${fox.id}`).at(-1)?.body).toEqual({ rating: 4 })
    // Newest first: heron, owl, fox; the owl is one to the left.
    await user.keyboard('{ArrowLeft}')
    await user.keyboard('2')
    await waitFor(async () => expect((await stored(owl)).rating).toBe(2))
    await user.keyboard('0')
    await waitFor(async () => expect((await stored(owl)).rating).toBeNull())
    await user.keyboard('{ArrowRight}')
    await user.click(within(stars()).getByRole('radio', { name: '5 stars' }))
    await waitFor(async () => expect((await stored(fox)).rating).toBe(5))
    await user.keyboard('{Escape}')
    const tile = screen.getByAltText('a red fox in fresh snow').closest('[role="listitem"]') as HTMLElement
    expect(tile).toHaveTextContent('Rated 5 of 5')
    expect(screen.getByAltText('a snowy owl on a fence post').closest('[role="listitem"]')).not.toHaveTextContent(/Rated/)
  })

  it('filters by rating from the Filters panel, writing rating: into the URL', async () => {
    at('/gallery')
    api.connect()
    const { user } = renderPage()
    await screen.findByAltText('a snowy owl on a fence post')
    await user.click(screen.getByRole('button', { name: /Filters/ }))
    await user.selectOptions(screen.getByRole('combobox', { name: 'Rating' }), '★★★★ or more')
    await waitFor(() => expect(new URLSearchParams(window.location.search).get('q')).toBe('rating:>=4'))
    await waitFor(() => expect(screen.queryByAltText('a snowy owl on a fence post')).not.toBeInTheDocument())
    expect(screen.getByAltText('a red fox in fresh snow')).toBeInTheDocument()
  })

  it('T goes to the tags box without typing a T; Enter adds tags, the × removes one; bad tags are refused before sending', async () => {
    at('/gallery')
    api.connect()
    const { user } = renderPage()
    await user.click(await screen.findByAltText('a grey heron at dawn'))
    await screen.findByRole('dialog')
    const box = await within(dialog()).findByRole('textbox', { name: 'Add tags' })
    await waitFor(() => expect(box).toBeEnabled())
    await user.keyboard('t')
    expect(box).toHaveFocus()
    expect(box).toHaveValue('')
    await user.keyboard('Hero, Blue Hour{Enter}')
    const tags = within(dialog()).getByRole('region', { name: 'Tags' })
    await waitFor(() =>
      expect(
        within(tags)
          .getAllByRole('listitem')
          .map((li) => li.textContent?.replace('×', '')),
      ).toEqual(['blue hour', 'hero']),
    )
    expect((await stored(heron)).tags).toEqual(['blue hour', 'hero'])
    // Digits typed in the box are text, not ratings.
    await user.keyboard('no!5{Enter}')
    expect(within(dialog()).getByRole('alert')).toHaveTextContent('letters a–z, digits, spaces, _ and -')
    expect((await stored(heron)).rating).toBeNull()
    await user.clear(box)
    await user.click(within(tags).getByRole('button', { name: 'Remove tag hero' }))
    await waitFor(async () => expect((await stored(heron)).tags).toEqual(['blue hour']))
  })
})

describe('actions on everything a search matches', () => {
  let api: RealApi
  beforeAll(async () => {
    api = await startRealApi()
    await api.seedImages('z-image-turbo', ['a red fox in fresh snow', 'a red panda eating bamboo', 'a snowy owl on a fence post'])
  })
  afterAll(() => api.close())

  it('shows the server count on the buttons, favourites by query, and deletes by query with Undo', async () => {
    at('/gallery?q=red')
    api.connect()
    const { user } = renderPage()
    await screen.findByAltText('a red panda eating bamboo')
    await user.click(screen.getByRole('button', { name: 'All matching…' }))
    const actions = screen.getByRole('region', { name: 'All matching images' })
    const favourite = await within(actions).findByRole('button', { name: /Favourite all 2 matching/ })
    expect(actions).toHaveTextContent('2 images match “red”')
    await user.click(favourite)
    await screen.findByText('Favourited 2 images.')
    // The browser sent the query, not a list of ids.
    expect(api.calls('POST', '/api/images/bulk-query').at(-1)?.body).toEqual({ action: 'favourite', q: 'red' })
    await waitFor(() => expect(screen.getAllByRole('button', { name: 'Favourite', pressed: true })).toHaveLength(2))

    await user.click(within(actions).getByRole('button', { name: 'Delete all 2 matching…' }))
    await user.click(within(actions).getByRole('button', { name: 'Yes, delete 2 images' }))
    await screen.findByText('Deleted 2 images.')
    await waitFor(() => expect(screen.queryByAltText('a red panda eating bamboo')).not.toBeInTheDocument())
    expect(await api.json<{ count: number }>('/api/images/matching?q=')).toMatchObject({ count: 1 })
    await user.click(screen.getByRole('button', { name: /^Undo/ }))
    await screen.findByText('Restored 2 images.')
    expect(await api.json<{ count: number }>('/api/images/matching?q=')).toMatchObject({ count: 3 })
  })
})
