import { useWindowVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useImperativeHandle, useLayoutEffect, useRef } from 'react'
import type * as React from 'react'
import { useElementBox } from '../../lib/use-element-size'
import { ImageTile, type TileAction } from './image-tile'
import { tileSelection, type Selection } from './selection'
import type { Tile } from './tiles'

const GAP = 8
/** Before the first measurement (and in jsdom, which lays nothing out). */
const FALLBACK_WIDTH = 960
/** Rows kept rendered beyond the viewport on each side. */
const OVERSCAN = 2
/** Start loading the next page this many rows before the end. */
const PREFETCH_ROWS = 6

export type GridHandle = {
  /** Scrolls the tile showing `imageId` into view if it is not, and focuses it. */
  reveal: (imageId: string) => void
}

type ImageGridProps = {
  ref?: React.Ref<GridHandle>
  tiles: Tile[]
  tileSize: number
  selection: Selection
  selecting: boolean
  onAction: (action: TileAction, index: number, event: React.MouseEvent) => void
  /** Asks for the next page; called again while the end is near and `hasMore` holds. */
  onNearEnd: () => void
  hasMore: boolean
}

/**
 * The gallery as rows of square tiles, virtualized against the window: only the rows on screen
 * (and a few either side) exist in the DOM, whatever the number of images.
 */
export function ImageGrid({ ref, tiles, tileSize, selection, selecting, onAction, onNearEnd, hasMore }: ImageGridProps) {
  const listRef = useRef<HTMLDivElement>(null)
  const box = useElementBox(listRef)
  const width = box.width || FALLBACK_WIDTH
  const columns = Math.max(1, Math.floor((width + GAP) / (tileSize + GAP)))
  const cell = Math.floor((width - GAP * (columns - 1)) / columns)
  const rowCount = Math.ceil(tiles.length / columns)

  const virtualizer = useWindowVirtualizer({
    count: rowCount,
    estimateSize: () => cell + GAP,
    overscan: OVERSCAN,
    scrollMargin: box.top,
    // The sticky toolbar covers the top of the window.
    scrollPaddingStart: 140,
  })
  // Row heights are computed, not measured: recompute them when the tile size or width changes.
  useLayoutEffect(() => virtualizer.measure(), [virtualizer, cell])

  const rows = virtualizer.getVirtualItems()
  // Rows on screen load first; the overscan rows either side wait their turn (fetchpriority).
  const onScreen = virtualizer.range ?? { startIndex: 0, endIndex: rows.at(-1)?.index ?? 0 }
  const lastRow = rows.at(-1)?.index ?? -1
  useEffect(() => {
    if (hasMore && lastRow >= rowCount - 1 - PREFETCH_ROWS) onNearEnd()
  }, [hasMore, lastRow, rowCount, onNearEnd])

  useImperativeHandle(ref, () => ({
    reveal(imageId) {
      const index = tiles.findIndex((t) => t.images.some((i) => i.id === imageId))
      if (index < 0) return
      const row = Math.floor(index / columns)
      const top = box.top + row * (cell + GAP)
      // Stay put unless the tile is wholly out of sight (the sticky toolbar covers the top 140 px).
      if (top + cell < window.scrollY + 140 || top > window.scrollY + window.innerHeight) virtualizer.scrollToIndex(row, { align: 'center' })
      const cover = tiles[index]!.cover.id
      // The row may only be rendered after the scroll: look for it on the next frames.
      const focus = (tries: number) =>
        requestAnimationFrame(() => {
          const tile = [...(listRef.current?.querySelectorAll<HTMLElement>('[data-image-id]') ?? [])].find((t) => t.dataset.imageId === cover)
          const button = tile?.querySelector('button')
          if (button) button.focus({ preventScroll: true })
          else if (tries > 0) focus(tries - 1)
        })
      focus(5)
    },
  }))

  return (
    <div ref={listRef} role="list" aria-label="Images" className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
      {rows.map((row) => (
        <div
          key={row.key}
          role="none"
          className="absolute inset-x-0 top-0 grid"
          style={{
            height: cell,
            gap: GAP,
            gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
            transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)`,
          }}
        >
          {tiles.slice(row.index * columns, (row.index + 1) * columns).map((tile, i) => {
            const index = row.index * columns + i
            const picked = tileSelection(selection, tile)
            return (
              <ImageTile
                key={tile.key}
                tile={tile}
                index={index}
                setSize={hasMore ? -1 : tiles.length}
                selected={picked === 'all'}
                partial={picked === 'some'}
                load={virtualizer.isScrolling ? 'settled' : row.index >= onScreen.startIndex && row.index <= onScreen.endIndex ? 'now' : 'soon'}
                selecting={selecting}
                onAction={onAction}
              />
            )
          })}
        </div>
      ))}
    </div>
  )
}
