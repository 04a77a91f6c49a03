import { useMutation, useQuery } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import type { Image } from '../../../shared/api'
import { imageMutations, imageQueries } from '../../queries/images'
import { Button, buttonVariants } from '../ui/button'
import { Dialog } from '../ui/dialog'
import { Link } from '../ui/link'
import { cn } from '../../lib/cn'
import { ImageCollections } from './image-collections'
import { ImageDetails } from './image-details'
import { RatingStars } from './image-rating'
import { ImageTags } from './image-tags'
import { ReuseActions } from './reuse-actions'
import { useDeleteImages } from './use-delete-images'
import { ZoomStage } from './zoom-stage'

type LightboxProps = {
  images: Image[]
  index: number
  onShow: (index: number) => void
  onClose: () => void
  /** More images exist beyond the loaded ones; asked for as the end comes near. */
  hasMore?: boolean
  onNeedMore?: () => void
}

const Icon = ({ d }: { d: string }) => (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d={d} />
  </svg>
)

const typing = (target: EventTarget | null) => target instanceof HTMLElement && target.closest('input, textarea, select') !== null

/**
 * One image at full size with all it was made with. ←/→ step through the loaded list, 1–5 rate it
 * (0 clears), T goes to its tags, + / - / F / A zoom (see ZoomStage), Escape closes; favourite,
 * collections, download, reuse and delete are at hand.
 */
export function Lightbox({ images, index, onShow, onClose, hasMore = false, onNeedMore }: LightboxProps) {
  const image = images[index]
  const detail = useQuery({ ...imageQueries.detail(image?.id ?? ''), enabled: !!image })
  const favourite = useMutation(imageMutations.favourite())
  const rate = useMutation(imageMutations.rate())
  const tagInput = useRef<HTMLInputElement>(null)
  const deleting = useDeleteImages()
  const nearEnd = index >= images.length - 3
  useEffect(() => {
    if (hasMore && nearEnd) onNeedMore?.()
  }, [hasMore, nearEnd, onNeedMore])
  if (!image) return null

  const hasPrev = index > 0
  const hasNext = index < images.length - 1
  const go = (step: number) => {
    const next = index + step
    if (next < 0 || next >= images.length) return
    onShow(next)
  }
  function remove() {
    const ids = [image!.id]
    if (hasNext) onShow(index + 1)
    else if (hasPrev) onShow(index - 1)
    else onClose()
    void deleting.remove(ids)
  }

  return (
    <Dialog
      aria-labelledby="lightbox-title"
      className="max-w-[min(100%,110rem)] lg:h-full lg:overflow-hidden"
      onClose={onClose}
      onKey={(event) => {
        if (typing(event.target) || event.altKey || event.ctrlKey || event.metaKey) return
        if (event.key === 'ArrowLeft') go(-1)
        else if (event.key === 'ArrowRight') go(1)
        else if (/^[0-5]$/.test(event.key)) {
          event.preventDefault()
          const rating = event.key === '0' ? null : Number(event.key)
          if (rating !== image.rating) rate.mutate({ id: image.id, rating, was: image.rating })
        } else if (event.key === 't' || event.key === 'T') {
          // Not typed into the box: the key only moves there.
          event.preventDefault()
          tagInput.current?.focus()
        }
      }}
    >
      <div className="grid lg:h-full lg:grid-cols-[minmax(0,1fr)_25rem]">
        <div className="relative min-h-0 bg-black/70 lg:rounded-l-xl">
          <ZoomStage key={image.id} image={image} />
          <Button
            variant="secondary"
            size="icon"
            aria-label="Previous image"
            disabled={!hasPrev}
            onClick={() => go(-1)}
            className="absolute top-1/2 left-3 -translate-y-1/2 rounded-full opacity-80 hover:opacity-100"
          >
            <Icon d="M15 5l-7 7 7 7" />
          </Button>
          <Button
            variant="secondary"
            size="icon"
            aria-label="Next image"
            disabled={!hasNext}
            onClick={() => go(1)}
            className="absolute top-1/2 right-3 -translate-y-1/2 rounded-full opacity-80 hover:opacity-100"
          >
            <Icon d="M9 5l7 7-7 7" />
          </Button>
        </div>
        <aside
          aria-label="Image details"
          className="grid content-start gap-5 border-t border-border p-5 [scrollbar-width:thin] lg:h-full lg:overflow-y-auto lg:border-t-0 lg:border-l"
        >
          <div className="flex items-center gap-2">
            <h2 id="lightbox-title" className="text-base font-semibold tabular-nums">
              Image {index + 1} of {images.length}
              {hasMore ? '+' : ''}
            </h2>
            <Button
              variant="ghost"
              size="icon"
              aria-label="Favourite"
              aria-pressed={image.favourite}
              title={image.favourite ? 'Remove from favourites' : 'Add to favourites'}
              onClick={() => favourite.mutate({ id: image.id, favourite: !image.favourite })}
              className={cn('ml-auto text-xl', image.favourite ? 'text-primary' : 'text-muted-foreground')}
            >
              <span aria-hidden="true">{image.favourite ? '★' : '☆'}</span>
            </Button>
            <Button variant="ghost" size="icon" aria-label="Close" onClick={onClose}>
              <Icon d="M6 6l12 12M18 6L6 18" />
            </Button>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <a href={image.downloadUrl} download className={buttonVariants({ variant: 'secondary', size: 'sm' })}>
              <Icon d="M12 4v11m0 0l-4-4m4 4l4-4M5 20h14" />
              Download
            </a>
            <a href={image.url} target="_blank" rel="noreferrer" className={buttonVariants({ variant: 'ghost', size: 'sm' })}>
              Open original
            </a>
            <Button variant="ghost" size="sm" className="ml-auto text-destructive hover:text-destructive" onClick={remove}>
              Delete
            </Button>
          </div>
          <div className="flex items-center gap-3">
            <RatingStars rating={image.rating} onRate={(rating) => rate.mutate({ id: image.id, rating, was: image.rating })} />
            {rate.error && (
              <p role="alert" className="text-xs text-destructive">
                Could not rate: {rate.error.message}
              </p>
            )}
          </div>
          {/* Keyed by image, so their state starts afresh on each; siblings need keys of their own. */}
          <ReuseActions key={`reuse:${image.id}`} image={image} onLeave={onClose} />
          <ImageDetails image={image} detail={detail.data} />
          <ImageTags key={`tags:${image.id}`} imageId={image.id} detail={detail.data} inputRef={tagInput} />
          <ImageCollections imageId={image.id} detail={detail.data} />
          {image.comparisonId && (
            <Link href={`/compare/${image.comparisonId}`} className="text-sm text-primary underline-offset-4 hover:underline">
              Part of a comparison: open the grid →
            </Link>
          )}
          <p className="text-xs leading-relaxed text-muted-foreground">
            <kbd>←</kbd> <kbd>→</kbd> move · <kbd>1</kbd>–<kbd>5</kbd> rate, <kbd>0</kbd> clears · <kbd>T</kbd> tags · <kbd>+</kbd> <kbd>−</kbd> zoom,{' '}
            <kbd>A</kbd> actual pixels, <kbd>F</kbd> fit (or the wheel, or a click; drag to pan) · <kbd>Esc</kbd> closes
          </p>
        </aside>
      </div>
    </Dialog>
  )
}
