import type { Image } from '../../../shared/api'
import { Button, buttonVariants } from '../../components/ui/button'
import { Dialog } from '../../components/ui/dialog'
import { Link } from '../../components/ui/link'
import { cn } from '../../lib/cn'
import { DeleteImage } from './delete-image'
import { ImageDetails } from './image-details'

type LightboxProps = {
  images: Image[]
  index: number
  onShow: (index: number) => void
  onClose: () => void
}

const stepButton = 'absolute top-1/2 -translate-y-1/2 rounded-full opacity-80 hover:opacity-100'

const Arrow = ({ d }: { d: string }) => (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
    <path d={d} />
  </svg>
)

/** One image at full size with its metadata; ←/→ step through the loaded gallery, Escape closes. */
export function Lightbox({ images, index, onShow, onClose }: LightboxProps) {
  const image = images[index]
  if (!image) return null
  const hasPrev = index > 0
  const hasNext = index < images.length - 1
  const go = (step: number) => {
    const next = index + step
    if (next >= 0 && next < images.length) onShow(next)
  }
  const afterDelete = () => {
    if (hasNext) onShow(index + 1)
    else if (hasPrev) onShow(index - 1)
    else onClose()
  }

  return (
    <Dialog
      aria-labelledby="lightbox-title"
      className="max-w-7xl"
      onClose={onClose}
      onKey={(event) => {
        if (event.key === 'ArrowLeft') go(-1)
        if (event.key === 'ArrowRight') go(1)
      }}
    >
      <div className="grid lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="relative flex min-h-[40vh] items-center justify-center bg-black/60 p-4 lg:rounded-l-xl">
          <img
            key={image.id}
            src={image.url}
            alt={image.prompt}
            width={image.width}
            height={image.height}
            className="h-auto max-h-[82vh] w-auto max-w-full rounded-md object-contain shadow-2xl"
          />
          <Button
            variant="secondary"
            size="icon"
            aria-label="Previous image"
            disabled={!hasPrev}
            onClick={() => go(-1)}
            className={cn(stepButton, 'left-3')}
          >
            <Arrow d="M15 5l-7 7 7 7" />
          </Button>
          <Button
            variant="secondary"
            size="icon"
            aria-label="Next image"
            disabled={!hasNext}
            onClick={() => go(1)}
            className={cn(stepButton, 'right-3')}
          >
            <Arrow d="M9 5l7 7-7 7" />
          </Button>
        </div>
        <aside className="grid content-start gap-5 border-t border-border p-5 lg:border-t-0 lg:border-l">
          <div className="flex items-center justify-between gap-3">
            <h2 id="lightbox-title" className="text-base font-semibold">
              Image {index + 1} of {images.length}
            </h2>
            <Button variant="ghost" size="icon" aria-label="Close" onClick={onClose}>
              <Arrow d="M6 6l12 12M18 6L6 18" />
            </Button>
          </div>
          <ImageDetails image={image} />
          {image.comparisonId && (
            <Link href={`/compare/${image.comparisonId}`} className="text-sm text-primary underline-offset-4 hover:underline">
              Part of a comparison: open the grid →
            </Link>
          )}
          <div className="flex flex-wrap items-center gap-2">
            <a href={image.url} target="_blank" rel="noreferrer" className={buttonVariants({ variant: 'secondary', size: 'sm' })}>
              Open original
            </a>
            <DeleteImage key={image.id} imageId={image.id} onDeleted={afterDelete} />
          </div>
          <p className="text-xs text-muted-foreground">Use ← and → to move between images, Esc to close.</p>
        </aside>
      </div>
    </Dialog>
  )
}
