import { MAX_RATING } from '../../../shared/ratings'
import { cn } from '../../lib/cn'

type RatingStarsProps = {
  rating: number | null
  onRate: (rating: number | null) => void
  disabled?: boolean
  /** Names the group, e.g. "Rating". */
  label?: string
}

/** 1–5 stars as a radio group; choosing the current rating again clears it. Keys 1–5 and 0 do the same in the lightbox. */
export function RatingStars({ rating, onRate, disabled, label = 'Rating' }: RatingStarsProps) {
  return (
    <div role="radiogroup" aria-label={label} className="flex items-center">
      {Array.from({ length: MAX_RATING }, (_, i) => i + 1).map((n) => (
        <button
          key={n}
          type="button"
          role="radio"
          aria-checked={rating === n}
          aria-label={`${n} star${n === 1 ? '' : 's'}`}
          title={rating === n ? 'Clear the rating (0)' : `Rate ${n} (${n})`}
          disabled={disabled}
          onClick={() => onRate(rating === n ? null : n)}
          className={cn(
            'grid size-7 cursor-pointer place-items-center rounded text-lg leading-none outline-none hover:text-primary focus-visible:ring-2 focus-visible:ring-ring',
            rating !== null && n <= rating ? 'text-primary' : 'text-muted-foreground/60',
          )}
        >
          <span aria-hidden="true">{rating !== null && n <= rating ? '★' : '☆'}</span>
        </button>
      ))}
    </div>
  )
}
