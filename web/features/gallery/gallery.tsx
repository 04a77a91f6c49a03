import { useInfiniteQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { imageQueries } from '../../queries/images'
import { Button } from '../../components/ui/button'
import { Card, CardHeader, CardTitle } from '../../components/ui/card'
import { Lightbox } from './lightbox'
import { PickForSideBySide, usePick } from './pick-for-side-by-side'

/** Finished images, newest first, from the server's own copies (thumbnails in the grid). */
export function Gallery() {
  const images = useInfiniteQuery(imageQueries.list())
  const [openId, setOpenId] = useState<string | null>(null)
  const items = images.data?.pages.flatMap((page) => page.items) ?? []
  const openIndex = items.findIndex((image) => image.id === openId)
  const pick = usePick()

  return (
    <Card aria-labelledby="gallery-title">
      <CardHeader>
        <CardTitle id="gallery-title">Gallery</CardTitle>
        {items.length > 0 && (
          <span className="ml-auto text-xs text-muted-foreground tabular-nums">
            {items.length}
            {images.hasNextPage ? '+' : ''} image{items.length === 1 ? '' : 's'}
          </span>
        )}
        {items.length > 1 && <PickForSideBySide pick={pick} />}
      </CardHeader>
      <div className="p-4">
        {images.isPending && <p className="px-1 py-8 text-center text-sm text-muted-foreground">Loading images…</p>}
        {images.isError && (
          <p role="alert" className="px-1 py-8 text-center text-sm text-destructive">
            Could not load images: {images.error.message}
          </p>
        )}
        {images.isSuccess && items.length === 0 && (
          <div className="grid place-items-center gap-1 rounded-lg border border-dashed border-border px-6 py-16 text-center">
            <p className="text-sm font-medium">No images yet</p>
            <p className="text-sm text-muted-foreground">Finished images land here, stored on your own disk.</p>
          </div>
        )}
        {items.length > 0 && (
          <ul aria-label="Images" className="grid grid-cols-[repeat(auto-fill,minmax(9.5rem,1fr))] gap-2">
            {items.map((image) => (
              <li key={image.id}>
                <button
                  type="button"
                  onClick={() => (pick.on ? pick.toggle(image.id) : setOpenId(image.id))}
                  aria-pressed={pick.on ? pick.ids.includes(image.id) : undefined}
                  className="group relative block aspect-square w-full cursor-zoom-in overflow-hidden rounded-lg border border-border bg-muted outline-none focus-visible:ring-2 focus-visible:ring-ring aria-pressed:cursor-pointer aria-pressed:border-primary aria-pressed:ring-2 aria-pressed:ring-primary"
                >
                  <img
                    src={image.thumbUrl}
                    alt={image.prompt}
                    loading="lazy"
                    decoding="async"
                    width={image.width}
                    height={image.height}
                    className="size-full object-cover transition-transform duration-300 group-hover:scale-[1.03]"
                  />
                  <span className="pointer-events-none absolute inset-x-0 bottom-0 truncate bg-linear-to-t from-black/80 to-transparent px-2 pt-6 pb-1.5 text-left text-[11px] text-white/90 opacity-0 transition-opacity group-hover:opacity-100 group-focus-visible:opacity-100" aria-hidden="true">
                    {image.prompt}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {images.hasNextPage && (
          <div className="mt-4 flex justify-center">
            <Button variant="outline" onClick={() => void images.fetchNextPage()} disabled={images.isFetchingNextPage}>
              {images.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </Button>
          </div>
        )}
      </div>
      {openIndex >= 0 && (
        <Lightbox
          images={items}
          index={openIndex}
          onShow={(index) => setOpenId(items[index]?.id ?? null)}
          onClose={() => setOpenId(null)}
        />
      )}
    </Card>
  )
}
