import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { RECENT_COUNT } from '../../../shared/live-updates'
import { imageQueries } from '../../queries/images'
import { buttonVariants } from '../../components/ui/button'
import { Card, CardHeader, CardTitle } from '../../components/ui/card'
import { Link } from '../../components/ui/link'
import { Lightbox } from '../../components/lightbox/lazy-lightbox'
import { PickForSideBySide, usePick } from './pick-for-side-by-side'

/** The playground's glance at the newest images (thumbnails), with the lightbox; the rest is on /gallery. */
export function RecentImages() {
  const recent = useQuery(imageQueries.recent())
  const [openId, setOpenId] = useState<string | null>(null)
  const items = recent.data?.items ?? []
  const openIndex = items.findIndex((image) => image.id === openId)
  const pick = usePick()
  const more = !!recent.data?.nextCursor

  return (
    <Card aria-labelledby="recent-title">
      <CardHeader>
        <CardTitle id="recent-title">Recent images</CardTitle>
        <span className="mr-auto text-xs text-muted-foreground tabular-nums">
          {items.length > 0 && (more ? `newest ${RECENT_COUNT}` : `${items.length} image${items.length === 1 ? '' : 's'}`)}
        </span>
        {items.length > 1 && <PickForSideBySide pick={pick} />}
        {!pick.on && (
          <Link href="/gallery" className={buttonVariants({ variant: 'ghost', size: 'sm' })}>
            Open the gallery →
          </Link>
        )}
      </CardHeader>
      <div className="p-4">
        {recent.isPending && <p className="px-1 py-8 text-center text-sm text-muted-foreground">Loading images…</p>}
        {recent.isError && (
          <p role="alert" className="px-1 py-8 text-center text-sm text-destructive">
            Could not load images: {recent.error.message}
          </p>
        )}
        {recent.isSuccess && items.length === 0 && (
          <div className="grid place-items-center gap-1 rounded-lg border border-dashed border-border px-6 py-16 text-center">
            <p className="text-sm font-medium">No images yet</p>
            <p className="text-sm text-muted-foreground">Finished images land here, stored on your own disk.</p>
          </div>
        )}
        {items.length > 0 && (
          <ul aria-label="Images" className="grid grid-cols-[repeat(auto-fill,minmax(8.5rem,1fr))] gap-2">
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
                  {image.favourite && (
                    <span aria-label="Favourite" className="absolute top-1 right-1.5 text-primary drop-shadow">
                      ★
                    </span>
                  )}
                  <span
                    className="pointer-events-none absolute inset-x-0 bottom-0 truncate bg-linear-to-t from-black/80 to-transparent px-2 pt-6 pb-1.5 text-left text-[11px] text-white/90 opacity-0 transition-opacity group-hover:opacity-100 group-focus-visible:opacity-100"
                    aria-hidden="true"
                  >
                    {image.prompt}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {openIndex >= 0 && (
        <Lightbox images={items} index={openIndex} onShow={(index) => setOpenId(items[index]?.id ?? null)} onClose={() => setOpenId(null)} />
      )}
    </Card>
  )
}
