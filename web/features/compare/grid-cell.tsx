import { isCellActive, RERUNNABLE, type ComparisonCell } from '../../../shared/compare'
import { Button } from '../../components/ui/button'
import { cn } from '../../lib/cn'
import { formatDuration } from '../../lib/format'
import { elapsedMs, naLabels } from './cell-name'
import { STATE_LABEL } from './format'

type GridCellProps = {
  cell: ComparisonCell | undefined
  /** Axis values this cell sends clamped to its model's range ("Steps 30 → 20"). */
  clamped: string[]
  name: string
  now: number
  /** Height ÷ width of the images, so cells match them. */
  aspect: number
  selecting: boolean
  selected: boolean
  onOpen: () => void
  onRerun: () => void
}

/** One cell: its image when done, otherwise its state, elapsed time and, for failures, the reason. */
export function GridCell({ cell, clamped, name, now, aspect, selecting, selected, onOpen, onRerun }: GridCellProps) {
  if (!cell) return <div className="w-(--cell)" />
  const ms = elapsedMs(cell, now)
  const active = isCellActive(cell.state)
  const failed = RERUNNABLE.includes(cell.state)
  const na = naLabels(cell)
  return (
    <figure className="grid w-(--cell) gap-1" data-state={cell.state}>
      <button
        type="button"
        onClick={onOpen}
        disabled={selecting && !cell.image}
        aria-pressed={selecting ? selected : undefined}
        aria-label={`${selecting ? 'Select' : 'Open'} ${name}`}
        style={{ aspectRatio: `1 / ${aspect}` }}
        className={cn(
          'group relative block w-full cursor-zoom-in overflow-hidden rounded-md border bg-muted outline-none focus-visible:ring-2 focus-visible:ring-ring',
          selecting && 'cursor-pointer',
          selected ? 'border-primary ring-2 ring-primary' : 'border-border',
          failed && 'border-destructive/40 bg-destructive/5',
        )}
      >
        {cell.state === 'out_of_range' ? (
          <span className="absolute inset-0 grid place-content-center gap-1 p-3 text-center text-xs" title={cell.outOfRange ?? undefined}>
            <span className="font-medium text-warning">n/a · out of range for this model</span>
            <span className="line-clamp-3 text-muted-foreground">{cell.outOfRange}</span>
            <span className="text-muted-foreground">Not sent, not billed</span>
          </span>
        ) : cell.image ? (
          <img
            src={cell.image.thumbUrl}
            alt={name}
            width={cell.image.width}
            height={cell.image.height}
            loading="lazy"
            decoding="async"
            className="size-full object-contain transition-transform duration-300 group-hover:scale-[1.02]"
          />
        ) : (
          <span className="absolute inset-0 grid place-content-center gap-1 p-3 text-center text-xs">
            {active && <span aria-hidden="true" className="mx-auto size-2 animate-pulse rounded-full bg-primary" />}
            <span className={cn('font-medium', failed ? 'text-destructive' : 'text-muted-foreground')}>{STATE_LABEL[cell.state]}</span>
            {cell.error && <span className="line-clamp-4 text-foreground/80">{cell.error.message}</span>}
          </span>
        )}
        {selecting && selected && (
          <span
            aria-hidden="true"
            className="absolute top-1.5 right-1.5 grid size-5 place-items-center rounded-full bg-primary text-[11px] font-bold text-primary-foreground"
          >
            ✓
          </span>
        )}
      </button>
      <figcaption className="flex min-h-5 items-center gap-1.5 text-[11px] text-muted-foreground">
        {cell.image ? <span className="sr-only">{STATE_LABEL[cell.state]}</span> : null}
        {ms !== null && <span className="tabular-nums">{formatDuration(ms)}</span>}
        {cell.sameAs !== null && <span title="Same request as another cell: shown, not paid for twice">= cell {cell.sameAs + 1}</span>}
        {na.length > 0 && (
          <span className="truncate rounded bg-warning/10 px-1 text-warning" title={`${na.join(', ')}: this model has no such parameter`}>
            {na.join(', ')} n/a
          </span>
        )}
        {clamped.length > 0 && (
          <span className="truncate rounded bg-warning/10 px-1 text-warning" title={`Clamped to the model's range: ${clamped.join(', ')}`}>
            {clamped.join(', ')}
          </span>
        )}
        {failed && (
          <Button variant="outline" size="sm" className="ml-auto h-6 px-2 text-[11px]" onClick={onRerun} aria-label={`Re-run ${name}`}>
            Re-run
          </Button>
        )}
      </figcaption>
    </figure>
  )
}
