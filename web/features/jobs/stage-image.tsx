import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Image } from '../../../shared/api'
import { imageMutations } from '../../queries/images'
import { jobQueries } from '../../queries/jobs'
import { Button, buttonVariants } from '../../components/ui/button'
import { cn } from '../../lib/cn'

const Icon = ({ d }: { d: string }) => (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d={d} />
  </svg>
)

/**
 * One result image at a size that shows its shape (16:9 is wide, 3:4 tall), never cropped; a click
 * opens the lightbox. Favourite, download and open are always visible: phones have no hover.
 */
export function StageImage({ image, many, onOpen }: { image: Image; many: boolean; onOpen: () => void }) {
  const client = useQueryClient()
  const favourite = useMutation(imageMutations.favourite())
  // The stage reads images from the job list, which the image mutation does not touch: show the
  // answer at once, then read the list again.
  const starred = favourite.isPending ? favourite.variables.favourite : image.favourite
  const toggle = () =>
    favourite.mutate({ id: image.id, favourite: !starred }, { onSettled: () => client.invalidateQueries({ queryKey: jobQueries.lists() }) })
  return (
    <li className="relative min-w-0">
      <button
        type="button"
        onClick={onOpen}
        aria-label={`Open image ${image.index + 1} in the lightbox`}
        className="block cursor-zoom-in overflow-hidden rounded-lg bg-muted outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        <img
          src={image.url}
          alt={image.prompt}
          width={image.width}
          height={image.height}
          decoding="async"
          data-testid="stage-image"
          style={{ aspectRatio: `${image.width} / ${image.height}` }}
          className={cn('block h-auto w-auto max-w-full object-contain', many ? 'max-h-[min(42vh,28rem)]' : 'max-h-[min(68vh,46rem)]')}
        />
      </button>
      <div className="absolute top-2 right-2 flex gap-1 rounded-full bg-black/60 p-0.5 text-white backdrop-blur">
        <Button
          variant="ghost"
          size="icon"
          aria-label="Favourite"
          aria-pressed={starred}
          title={starred ? 'Remove from favourites' : 'Add to favourites'}
          onClick={toggle}
          className={cn('size-8 rounded-full hover:bg-white/15', starred ? 'text-primary hover:text-primary' : 'text-white hover:text-white')}
        >
          <span aria-hidden="true" className="text-base leading-none">
            {starred ? '★' : '☆'}
          </span>
        </Button>
        <a
          href={image.downloadUrl}
          download
          aria-label="Download"
          title="Download (settings embedded)"
          className={cn(buttonVariants({ variant: 'ghost', size: 'icon' }), 'size-8 rounded-full text-white hover:bg-white/15 hover:text-white')}
        >
          <Icon d="M12 4v11m0 0l-4-4m4 4l4-4M5 20h14" />
        </a>
      </div>
    </li>
  )
}
