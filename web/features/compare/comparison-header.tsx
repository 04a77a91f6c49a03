import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { isCellActive, RERUNNABLE, type Comparison } from '../../../shared/compare'
import { sharedSummary } from '../../../shared/compare-view'
import { comparisonMutations, exportUrl } from '../../queries/comparisons'
import { Badge } from '../../components/ui/badge'
import { Button, buttonVariants } from '../../components/ui/button'
import { Link } from '../../components/ui/link'
import { formatDate } from '../../lib/format'
import { formatEstimate, plural } from './format'

type HeaderProps = { comparison: Comparison; order: string; page: number; pages: number }

/** Title, progress and what can be done with the whole comparison. */
export function ComparisonHeader({ comparison, order, page, pages }: HeaderProps) {
  const cancel = useMutation(comparisonMutations.cancel())
  const rerun = useMutation(comparisonMutations.rerun())
  const [copied, setCopied] = useState(false)
  const { cells, spec } = comparison
  const done = cells.filter((c) => c.state === 'completed').length
  const failed = cells.filter((c) => RERUNNABLE.includes(c.state) && c.state !== 'cancelled').length
  const cancelled = cells.filter((c) => c.state === 'cancelled').length
  const active = cells.filter((c) => isCellActive(c.state)).length
  const outOfRange = cells.filter((c) => c.state === 'out_of_range').length
  const runnable = cells.length - outOfRange
  const cost = formatEstimate(comparison.estimate)
  const error = cancel.error ?? rerun.error

  return (
    <div className="grid gap-4 p-5">
      <div className="grid gap-1">
        <h2 className="text-lg leading-snug font-semibold tracking-tight break-words">{spec.title}</h2>
        <p className="text-xs text-muted-foreground">
          {formatDate(comparison.createdAt)} · {plural(comparison.estimate.images, 'image')} · {cost.cost}
        </p>
      </div>
      <div className="grid gap-2" aria-live="polite">
        <div className="flex flex-wrap items-center gap-1.5 text-xs">
          <Badge variant={done === runnable ? 'success' : 'neutral'}>
            {done} of {runnable} done
          </Badge>
          {active > 0 && <Badge variant="info">{active} running</Badge>}
          {failed > 0 && <Badge variant="destructive">{failed} failed</Badge>}
          {cancelled > 0 && <Badge>{cancelled} cancelled</Badge>}
          {outOfRange > 0 && <Badge variant="warning">{outOfRange} out of range, not sent</Badge>}
        </div>
        <div className="h-1.5 overflow-hidden rounded-full bg-muted" aria-hidden="true">
          <div className="h-full bg-primary transition-[width] duration-500" style={{ width: `${(done / Math.max(runnable, 1)) * 100}%` }} />
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        {active > 0 && !comparison.cancelledAt && (
          <Button variant="outline" size="sm" disabled={cancel.isPending} onClick={() => cancel.mutate(comparison.id)}>
            Cancel run
          </Button>
        )}
        {failed + cancelled > 0 && (
          <Button variant="outline" size="sm" disabled={rerun.isPending} onClick={() => rerun.mutate({ id: comparison.id })}>
            Re-run {plural(failed + cancelled, 'unfinished cell')}
          </Button>
        )}
        <a className={buttonVariants({ size: 'sm' })} href={exportUrl(comparison.id, page, order)} download>
          Export PNG{pages > 1 ? ' (this page)' : ''}
        </a>
        {pages > 1 && (
          <a className={buttonVariants({ variant: 'secondary', size: 'sm' })} href={exportUrl(comparison.id, 'all', order)} download>
            Export all pages
          </a>
        )}
        <Link href={`/compare?from=${comparison.id}`} className={buttonVariants({ variant: 'secondary', size: 'sm' })}>
          Duplicate and edit
        </Link>
        <Button variant="ghost" size="sm" onClick={() => void navigator.clipboard?.writeText(window.location.href).then(() => setCopied(true))}>
          {copied ? 'Link copied' : 'Copy link'}
        </Button>
      </div>
      <dl className="grid gap-1.5 border-t border-border pt-3 text-xs">
        {sharedSummary(spec).map((s) => (
          <div key={s.label} className="grid grid-cols-[6.5rem_1fr] gap-2">
            <dt className="text-muted-foreground">{s.label}</dt>
            <dd className="line-clamp-4 break-words" title={s.value}>
              {s.value}
            </dd>
          </div>
        ))}
      </dl>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error.message}
        </p>
      )}
    </div>
  )
}
