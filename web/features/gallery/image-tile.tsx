import { memo, useEffect, useState } from 'react'
import type * as React from 'react'
import { cn } from '../../lib/cn'
import type { Tile } from './tiles'

export type TileAction = 'open' | 'select' | 'favourite' | 'stack'

type ImageTileProps = {
  tile: Tile
  index: number
  /** How many tiles the list has, or -1 while more pages may come. */
  setSize: number
  selected: boolean
  /** Some, not all, of a collapsed stack's images are selected. */
  partial: boolean
  selecting: boolean
  /**
   * When the thumbnail is fetched: `now` on screen, `soon` (low priority) in the overscan rows, and
   * `settled` while the list scrolls — only once the tile has stayed mounted a moment, so a fling
   * past hundreds of rows does not queue hundreds of thumbnails ahead of the ones it stops on.
   */
  load: 'now' | 'soon' | 'settled'
  onAction: (action: TileAction, index: number, event: React.MouseEvent) => void
}

const noop = () => {}

/** How long a tile mounted mid-scroll must stay before it asks for its thumbnail. */
const SETTLE_MS = 120

/**
 * Whether the tile may fetch its thumbnail yet. Once true it stays true; a tile that scrolls away
 * before that never asks, and one that scrolls away while loading drops the request (see `abandon`).
 */
function useReady(load: ImageTileProps['load']) {
  const [ready, setReady] = useState(load !== 'settled')
  const waiting = !ready && load === 'settled'
  useEffect(() => {
    if (!waiting) return
    const timer = setTimeout(() => setReady(true), SETTLE_MS)
    return () => clearTimeout(timer)
  }, [waiting])
  return ready || load !== 'settled'
}

/**
 * An unmounted tile's unfinished thumbnail request is cancelled (Chromium aborts it when `src` goes).
 * Checked after the commit: StrictMode detaches and re-attaches refs of tiles that stay.
 */
const abandon = (img: HTMLImageElement | null) => {
  if (!img) return
  return () =>
    queueMicrotask(() => {
      if (!img.isConnected && !img.complete) img.removeAttribute('src')
    })
}

const corner = 'absolute z-10 grid size-7 place-items-center rounded-md transition-opacity'

/**
 * One tile of the grid: the thumbnail (never the full image), a checkbox and a star that show on
 * hover or focus, and for a stack its size. Few elements, so thousands scroll by cheaply.
 */
export const ImageTile = memo(function ImageTile({ tile, index, setSize, selected, partial, selecting, load, onAction }: ImageTileProps) {
  const { cover, stack } = tile
  const collapsed = stack !== null && !stack.expanded
  const ready = useReady(load)
  return (
    <div
      role="listitem"
      // Rows come and go as the list scrolls: say where each tile sits in the whole list.
      aria-posinset={index + 1}
      aria-setsize={setSize}
      data-image-id={cover.id}
      data-selected={selected || undefined}
      className={cn(
        'group relative overflow-hidden rounded-lg bg-muted ring-offset-2 ring-offset-background',
        selected && 'ring-2 ring-primary',
        stack?.expanded && !selected && 'ring-1 ring-info/60',
        // A stack: the edges of two more prints peek out behind the cover.
        collapsed && 'shadow-[4px_-4px_0_-1px_oklch(0.42_0.012_264),8px_-8px_0_-3px_oklch(0.32_0.01_264)]',
      )}
    >
      <button
        type="button"
        title={cover.prompt}
        aria-label={collapsed ? `${cover.prompt} (stack of ${stack.size})` : undefined}
        onClick={(e) => onAction(selecting || e.shiftKey ? 'select' : 'open', index, e)}
        className={cn(
          'block size-full outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset',
          selecting ? 'cursor-pointer' : 'cursor-zoom-in',
        )}
      >
        <img
          ref={abandon}
          src={ready ? cover.thumbUrl : undefined}
          alt={cover.prompt}
          fetchPriority={load === 'soon' ? 'low' : 'high'}
          decoding="async"
          draggable={false}
          className={cn('size-full object-cover text-transparent transition duration-200 group-hover:brightness-110', selected && 'brightness-75')}
        />
      </button>
      <input
        type="checkbox"
        aria-label={`Select ${collapsed ? `stack of ${stack.size}` : 'image'}`}
        title={
          collapsed
            ? `Selects all ${stack.size} images of this stack (expand it to pick single ones). Shift-click: every tile from the last one picked to here.`
            : 'Shift-click: every tile from the last one picked to here; a collapsed stack counts as all its images.'
        }
        checked={selected}
        ref={(box) => {
          if (box) box.indeterminate = partial
        }}
        // onClick, not onChange: a shift-click selects a range, and only mouse events know the shift key.
        onClick={(e) => onAction('select', index, e)}
        onChange={noop}
        className={cn(
          corner,
          'tile-check top-1.5 left-1.5 size-5 cursor-pointer appearance-none rounded-[5px] border-2 border-white/85 bg-black/35 shadow-md outline-none checked:border-primary checked:bg-primary indeterminate:border-primary indeterminate:bg-primary focus-visible:ring-2 focus-visible:ring-ring',
          'opacity-0 group-focus-within:opacity-100 group-hover:opacity-100 focus-visible:opacity-100',
          (selecting || selected || partial) && 'opacity-100',
        )}
      />
      <button
        type="button"
        aria-label="Favourite"
        aria-pressed={cover.favourite}
        onClick={(e) => onAction('favourite', index, e)}
        className={cn(
          corner,
          'top-1 right-1 text-lg leading-none outline-none focus-visible:ring-2 focus-visible:ring-ring',
          cover.favourite
            ? 'text-primary drop-shadow'
            : 'text-white/85 opacity-0 drop-shadow group-focus-within:opacity-100 group-hover:opacity-100 hover:text-primary',
        )}
      >
        {cover.favourite ? '★' : '☆'}
      </button>
      {cover.rating !== null && (
        <span
          data-rating={cover.rating}
          className="pointer-events-none absolute bottom-1.5 left-1.5 rounded-full bg-black/70 px-1.5 py-0.5 text-[11px] leading-none font-semibold text-primary tabular-nums backdrop-blur"
        >
          <span aria-hidden="true">★{cover.rating}</span>
          <span className="sr-only">Rated {cover.rating} of 5</span>
        </span>
      )}
      {stack && (!stack.expanded || stack.position === 0) && (
        <button
          type="button"
          aria-label={stack.expanded ? `Collapse the stack of ${stack.size}` : `Expand the stack of ${stack.size}`}
          aria-expanded={stack.expanded}
          onClick={(e) => onAction('stack', index, e)}
          className={cn(
            'absolute right-1.5 bottom-1.5 z-10 rounded-full border border-white/15 bg-black/70 px-2 py-0.5 text-xs font-semibold text-white tabular-nums backdrop-blur outline-none hover:bg-black/90 focus-visible:ring-2 focus-visible:ring-ring',
          )}
        >
          {stack.expanded ? `Collapse ×${stack.size}` : `×${stack.size}`}
        </button>
      )}
    </div>
  )
})
