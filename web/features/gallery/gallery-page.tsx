import { keepPreviousData, useInfiniteQuery, useMutation } from '@tanstack/react-query'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type * as React from 'react'
import { imageMutations, imageQueries } from '../../queries/images'
import { Button } from '../../components/ui/button'
import { Select } from '../../components/ui/select'
import { isEmptyFilter } from '../../../shared/gallery-query'
import { useStoredNumber } from '../../lib/use-stored-number'
import { CollectionsPanel } from './collections-panel'
import { FilterPanel } from './filter-panel'
import { useGalleryView } from './gallery-view'
import { ImageGrid, type GridHandle } from './image-grid'
import type { TileAction } from './image-tile'
import { Lightbox } from '../../components/lightbox/lazy-lightbox'
import { SearchBox } from './search-box'
import { QueryActions } from './query-actions'
import { SelectionBar } from './selection-bar'
import { emptySelection, extendTo, selectAll, selectedInOrder, selectedInStacks, toggleTile, type Selection } from './selection'
import { toTiles } from './tiles'

export const TILE_SIZE = { key: 'darkroom:gallery-tile-size', default: 200, min: 120, max: 360 }

/** Where each view was scrolled to when the page was left, so coming back (Back, or the nav) lands there. */
const scrolledTo = new Map<string, number>()

/** How many structured filters are on, for the Filters button. */
function filterCount(filter: ReturnType<typeof useGalleryView>['filter']) {
  const { text: _text, models, ...rest } = filter
  return (models.length ? 1 : 0) + Object.values(rest).filter((v) => v !== undefined).length
}

/** `/gallery`: every image, searched and filtered from the URL, in a virtualized grid. */
export function GalleryPage() {
  const { view, filter, setQuery, setFilter, setSort } = useGalleryView()
  const images = useInfiniteQuery({ ...imageQueries.search(view), placeholderData: keepPreviousData })
  const favourite = useMutation(imageMutations.favourite())
  const [tileSize, setTileSize] = useStoredNumber(TILE_SIZE.key, TILE_SIZE.default, TILE_SIZE.min, TILE_SIZE.max)
  const [filtersOpen, setFiltersOpen] = useState(() => filterCount(filter) > 0)
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set())
  const [selection, setSelection] = useState<Selection>(emptySelection)
  const [selectMode, setSelectMode] = useState(false)
  const [allMatching, setAllMatching] = useState(false)
  const [openId, setOpenId] = useState<string | null>(null)
  const grid = useRef<GridHandle>(null)
  const viewKey = `${view.sort}\n${view.q}`
  const cached = useRef(images.data !== undefined)
  useEffect(() => {
    const y = scrolledTo.get(viewKey)
    // Only a view still in the cache can be scrolled at once; a fresh one starts at the top anyway.
    if (y && cached.current) requestAnimationFrame(() => window.scrollTo({ top: y }))
    cached.current = false
    // Kept as it happens: by the time the page unmounts, navigation has already scrolled to the top.
    const remember = () => scrolledTo.set(viewKey, window.scrollY)
    window.addEventListener('scroll', remember, { passive: true })
    return () => window.removeEventListener('scroll', remember)
  }, [viewKey])

  const pages = images.data?.pages
  const all = useMemo(() => pages?.flatMap((p) => p.items) ?? [], [pages])
  const tiles = useMemo(() => toTiles(all, expanded), [all, expanded])
  // The lightbox steps through every image in the order the grid shows them, stacks included.
  const ordered = useMemo(() => tiles.flatMap((t) => t.images), [tiles])
  const openIndex = openId === null ? -1 : ordered.findIndex((i) => i.id === openId)
  const selected = useMemo(() => selectedInOrder(selection, tiles), [selection, tiles])
  const selecting = selectMode || selected.length > 0
  const errors = pages?.[0]?.queryErrors ?? []
  const activeFilters = filterCount(filter)

  // Tiles call one stable handler (so they can skip re-rendering while scrolling); it reads the latest state.
  const latest = useRef({ tiles, selecting, favourite: favourite.mutate })
  useLayoutEffect(() => {
    latest.current = { tiles, selecting, favourite: favourite.mutate }
  })
  const onAction = useCallback((action: TileAction, index: number, event: React.MouseEvent) => {
    const { tiles, favourite } = latest.current
    const tile = tiles[index]
    if (!tile) return
    if (action === 'open') setOpenId(tile.cover.id)
    else if (action === 'favourite') favourite({ id: tile.cover.id, favourite: !tile.cover.favourite })
    else if (action === 'select') setSelection((s) => (event.shiftKey ? extendTo(s, tiles, index) : toggleTile(s, tile)))
    else if (action === 'stack' && tile.stack) {
      const { jobId } = tile.stack
      setExpanded((e) => {
        const next = new Set(e)
        if (next.has(jobId)) next.delete(jobId)
        else next.add(jobId)
        return next
      })
    }
  }, [])
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = images
  // The server counts the whole view with its first page; once every page is here, what is loaded
  // is exact (deletes made since included).
  const total = images.data?.pages[0]?.total ?? null
  const shownCount = hasNextPage && total ? total.count : all.length
  const loadMore = useCallback(() => {
    if (!isFetchingNextPage) void fetchNextPage()
  }, [isFetchingNextPage, fetchNextPage])

  function closeLightbox() {
    const last = openId
    setOpenId(null)
    // Back where the grid was; if the lightbox moved far, to the tile it ended on.
    if (last) requestAnimationFrame(() => grid.current?.reveal(last))
  }
  const clearSelection = () => {
    setSelection(emptySelection)
    setSelectMode(false)
  }

  return (
    <div className="mx-auto grid max-w-[1600px] gap-6 px-4 py-6 sm:px-6 lg:grid-cols-[14rem_minmax(0,1fr)] lg:items-start">
      <aside aria-label="Collections and favourites" className="lg:sticky lg:top-20">
        <CollectionsPanel active={filter} onShow={(show) => setFilter({ ...filter, collection: show.collection, favourite: show.favourite })} />
      </aside>
      <section aria-labelledby="gallery-title" className="grid min-w-0 gap-3">
        <div className="sticky top-(--header-h) z-30 -mx-2 grid gap-3 bg-background px-2 py-2">
          <div className="flex flex-wrap items-start gap-2">
            <h2 id="gallery-title" className="sr-only">
              Gallery
            </h2>
            <SearchBox query={view.q} onCommit={setQuery} errors={errors} />
            <Button
              variant={filtersOpen ? 'secondary' : 'outline'}
              aria-expanded={filtersOpen}
              aria-controls="gallery-filters"
              onClick={() => setFiltersOpen((o) => !o)}
            >
              Filters
              {activeFilters > 0 && (
                <span className="rounded-full bg-primary px-1.5 text-[11px] leading-4 text-primary-foreground tabular-nums">{activeFilters}</span>
              )}
            </Button>
            <div className="w-36">
              <Select aria-label="Sort" value={view.sort} onChange={(e) => setSort(e.target.value === 'oldest' ? 'oldest' : 'newest')}>
                <option value="newest">Newest first</option>
                <option value="oldest">Oldest first</option>
              </Select>
            </div>
            <label className="flex h-9 items-center gap-2 rounded-md border border-input px-3 text-xs text-muted-foreground">
              Tile size
              <input
                type="range"
                min={TILE_SIZE.min}
                max={TILE_SIZE.max}
                step={20}
                value={tileSize}
                onChange={(e) => setTileSize(Number(e.target.value))}
                className="w-24 accent-primary"
              />
            </label>
            <Button
              variant={selecting ? 'secondary' : 'outline'}
              aria-pressed={selecting}
              onClick={() => (selecting ? clearSelection() : setSelectMode(true))}
            >
              Select
            </Button>
            <Button
              variant={allMatching ? 'secondary' : 'outline'}
              aria-expanded={allMatching}
              title="Favourite, rate, tag, collect, download or delete every image this search matches, not only those loaded"
              onClick={() => setAllMatching((o) => !o)}
            >
              All matching…
            </Button>
          </div>
          {allMatching && <QueryActions q={view.q} onClose={() => setAllMatching(false)} />}
          {filtersOpen && (
            <div id="gallery-filters">
              <FilterPanel filter={filter} onChange={setFilter} />
            </div>
          )}
        </div>
        <p className="flex items-center gap-2 px-1 text-xs text-muted-foreground tabular-nums" aria-live="polite">
          {images.isSuccess &&
            (all.length === 0
              ? ''
              : `${hasNextPage && total && !total.exact ? 'about ' : ''}${shownCount.toLocaleString('en-US')}${hasNextPage && !total ? '+' : ''} image${shownCount === 1 ? '' : 's'}${isEmptyFilter(filter) ? '' : ' match'}`)}
          {(images.isPlaceholderData || isFetchingNextPage) && <span>· loading…</span>}
        </p>
        {images.isPending && <p className="py-16 text-center text-sm text-muted-foreground">Loading images…</p>}
        {images.isError && (
          <p role="alert" className="py-16 text-center text-sm text-destructive">
            Could not load images: {images.error.message}
          </p>
        )}
        {images.isSuccess && all.length === 0 && !images.isPlaceholderData && (
          <div className="grid place-items-center gap-1 rounded-xl border border-dashed border-border px-6 py-20 text-center">
            <p className="text-sm font-medium">{isEmptyFilter(filter) ? 'No images yet' : 'No images match'}</p>
            <p className="text-sm text-muted-foreground">
              {isEmptyFilter(filter) ? 'Generate some on the playground; they land here.' : 'Loosen a filter or clear the search.'}
            </p>
          </div>
        )}
        {all.length > 0 && (
          <ImageGrid
            ref={grid}
            tiles={tiles}
            tileSize={tileSize}
            selection={selection}
            selecting={selecting}
            onAction={onAction}
            onNearEnd={loadMore}
            hasMore={!!hasNextPage}
          />
        )}
      </section>
      {selecting && (
        <SelectionBar
          ids={selected}
          inStacks={selectedInStacks(selection, tiles)}
          inView={ordered.length}
          collection={filter.collection}
          onSelectAll={() => setSelection(selectAll(tiles))}
          onClear={clearSelection}
        />
      )}
      {openIndex >= 0 && (
        <Lightbox
          images={ordered}
          index={openIndex}
          onShow={(index) => setOpenId(ordered[index]?.id ?? null)}
          onClose={closeLightbox}
          hasMore={!!hasNextPage}
          onNeedMore={loadMore}
        />
      )}
    </div>
  )
}
