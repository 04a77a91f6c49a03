// Which images are selected for bulk actions. Ids, not positions, so a selection survives more pages
// loading; ranges are taken over the tiles in the order they are shown. What is selected is what the
// person sees: a tile is one thing to pick, and a collapsed stack's tile stands for all its images (its
// checkbox, a range over it and the bar's count all say so); to pick single images, expand the stack.
import type { Tile } from './tiles'

export type Selection = { ids: ReadonlySet<string>; anchor: string | null }

export const emptySelection: Selection = { ids: new Set(), anchor: null }

const ids = (tile: Tile) => tile.images.map((i) => i.id)

/** `some` only for a collapsed stack whose images were picked one by one while it was open. */
export type TileSelection = 'all' | 'some' | 'none'

export function tileSelection(selection: Selection, tile: Tile): TileSelection {
  const picked = tile.images.filter((i) => selection.ids.has(i.id)).length
  return picked === 0 ? 'none' : picked === tile.images.length ? 'all' : 'some'
}

export const isTileSelected = (selection: Selection, tile: Tile) => tileSelection(selection, tile) === 'all'

/** How many selected images sit in collapsed stacks, where one picture shows for several. */
export function selectedInStacks(selection: Selection, tiles: Tile[]): number {
  let n = 0
  for (const tile of tiles) if (tile.stack && !tile.stack.expanded) for (const i of tile.images) if (selection.ids.has(i.id)) n++
  return n
}

/** Selects the tile's images, or deselects them if all are selected; the tile becomes the anchor. */
export function toggleTile(selection: Selection, tile: Tile): Selection {
  const next = new Set(selection.ids)
  const on = !isTileSelected(selection, tile)
  for (const id of ids(tile)) {
    if (on) next.add(id)
    else next.delete(id)
  }
  return { ids: next, anchor: tile.cover.id }
}

/** Shift-click: selects every tile from the anchor to `target`, inclusive, keeping the rest. */
export function extendTo(selection: Selection, tiles: Tile[], target: number): Selection {
  const from = selection.anchor === null ? -1 : tiles.findIndex((t) => t.images.some((i) => i.id === selection.anchor))
  if (from < 0) return toggleTile(selection, tiles[target]!)
  const next = new Set(selection.ids)
  const [lo, hi] = from < target ? [from, target] : [target, from]
  for (const tile of tiles.slice(lo, hi + 1)) for (const id of ids(tile)) next.add(id)
  return { ids: next, anchor: selection.anchor }
}

export function selectAll(tiles: Tile[]): Selection {
  return { ids: new Set(tiles.flatMap(ids)), anchor: tiles[0]?.cover.id ?? null }
}

/** Drops ids no longer shown (deleted, or filtered out), keeping the order of `tiles`. */
export function selectedInOrder(selection: Selection, tiles: Tile[]): string[] {
  return tiles.flatMap(ids).filter((id) => selection.ids.has(id))
}
