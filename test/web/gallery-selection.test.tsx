// The grid's grouping into stacks and the selection rules, as plain functions.
import { describe, expect, it } from 'vitest'
import { imageSchema, type Image } from '../../shared/api'
import {
  emptySelection,
  extendTo,
  isTileSelected,
  selectAll,
  selectedInOrder,
  selectedInStacks,
  tileSelection,
  toggleTile,
} from '../../web/features/gallery/selection'
import { toTiles } from '../../web/features/gallery/tiles'

// Only an image's id, request and index matter to these rules; the rest is any valid image.
const makeImage = ({ id, jobId, index = 0 }: { id: string; jobId: string; index?: number }): Image =>
  imageSchema.parse({
    id,
    jobId,
    comparisonId: null,
    index,
    model: 'ernie-image-turbo',
    prompt: 'a red fox in fresh snow',
    promptTemplate: null,
    params: { prompt: 'a red fox in fresh snow' },
    seed: 42,
    width: 1024,
    height: 1024,
    bytes: 345_678,
    mimeType: 'image/jpeg',
    createdAt: '2025-05-01T10:00:00.000Z',
    downloadUrl: `/api/images/${id}/download`,
    favourite: false,
    url: `/files/images/${id}.jpg`,
    thumbUrl: `/files/thumbs/${id}.webp`,
  })
// Newest first, as the server lists them: a request's images together, highest index first.
const images = [
  makeImage({ id: 'a', jobId: 'ja' }),
  makeImage({ id: 'b-2', jobId: 'jb', index: 2 }),
  makeImage({ id: 'b-1', jobId: 'jb', index: 1 }),
  makeImage({ id: 'b-0', jobId: 'jb', index: 0 }),
  makeImage({ id: 'c', jobId: 'jc' }),
  makeImage({ id: 'd', jobId: 'jd' }),
]
const keys = (tiles: ReturnType<typeof toTiles>) => tiles.map((t) => t.key)

describe('stacks', () => {
  it('groups one request into a stack, in the request order, and spreads it when expanded', () => {
    const closed = toTiles(images, new Set())
    expect(keys(closed)).toEqual(['a', 'stack:jb', 'c', 'd'])
    expect(closed[1]!.images.map((i) => i.id)).toEqual(['b-0', 'b-1', 'b-2'])
    expect(closed[1]!.cover.id).toBe('b-0')
    expect(closed[1]!.stack).toEqual({ jobId: 'jb', size: 3, expanded: false, position: 0 })

    const open = toTiles(images, new Set(['jb']))
    expect(keys(open)).toEqual(['a', 'b-0', 'b-1', 'b-2', 'c', 'd'])
    expect(open.map((t) => t.stack?.position ?? null)).toEqual([null, 0, 1, 2, null, null])
  })
})

describe('selection', () => {
  const tiles = toTiles(images, new Set())

  it('toggles a tile, a stack as a whole', () => {
    let s = toggleTile(emptySelection, tiles[1]!)
    expect([...s.ids]).toEqual(['b-0', 'b-1', 'b-2'])
    expect(isTileSelected(s, tiles[1]!)).toBe(true)
    s = toggleTile(s, tiles[0]!)
    s = toggleTile(s, tiles[1]!)
    expect([...s.ids]).toEqual(['a'])
  })

  it('extends from the anchor to a shift-clicked tile, either way, keeping what was selected', () => {
    let s = toggleTile(emptySelection, tiles[3]!)
    s = extendTo(s, tiles, 1)
    expect(selectedInOrder(s, tiles)).toEqual(['b-0', 'b-1', 'b-2', 'c', 'd'])
    s = toggleTile(emptySelection, tiles[0]!)
    s = extendTo(s, tiles, 2)
    expect(selectedInOrder(s, tiles)).toEqual(['a', 'b-0', 'b-1', 'b-2', 'c'])
  })

  it('treats a shift-click with nothing selected as a plain click', () => {
    expect(selectedInOrder(extendTo(emptySelection, tiles, 2), tiles)).toEqual(['c'])
  })

  it('selects all in view, and reports only what is still shown, in order', () => {
    const all = selectAll(tiles)
    expect(all.ids.size).toBe(6)
    expect(
      selectedInOrder(
        all,
        tiles.filter((t) => t.key !== 'c'),
      ),
    ).toEqual(['a', 'b-0', 'b-1', 'b-2', 'd'])
  })
})

describe('selection over stacks: what the person sees', () => {
  it('counts a collapsed stack in a range as all its images, and says how many are inside stacks', () => {
    const closed = toTiles(images, new Set())
    const s = extendTo(toggleTile(emptySelection, closed[0]!), closed, 2)
    expect(selectedInOrder(s, closed)).toEqual(['a', 'b-0', 'b-1', 'b-2', 'c'])
    expect(selectedInStacks(s, closed)).toBe(3)
    // Expanded, the same images are single tiles: nothing is hidden in a stack any more.
    expect(selectedInStacks(s, toTiles(images, new Set(['jb'])))).toBe(0)
  })

  it('over an open stack, takes only the members between the two clicks', () => {
    const open = toTiles(images, new Set(['jb']))
    const s = extendTo(toggleTile(emptySelection, open[0]!), open, 2)
    expect(selectedInOrder(s, open)).toEqual(['a', 'b-0', 'b-1'])
    // Collapsed again, the stack is shown as partly selected, never as unselected with hidden picks.
    const closed = toTiles(images, new Set())
    expect(tileSelection(s, closed[1]!)).toBe('some')
    expect(isTileSelected(s, closed[1]!)).toBe(false)
    // A click on a partly selected stack selects the rest of it.
    expect(tileSelection(toggleTile(s, closed[1]!), closed[1]!)).toBe('all')
  })
})
