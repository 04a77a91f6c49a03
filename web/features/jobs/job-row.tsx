import type { Job } from '../../../shared/api'
import { isActive, UNRESOLVED_STATUSES } from '../../../shared/job-states'
import { MODELS } from '../../../shared/catalogue'
import { asSentence, formatDuration, formatUsd } from '../../lib/format'
import { cn } from '../../lib/cn'
import { JobActions } from './job-actions'
import { JobStatusBadge } from './job-status-badge'

function elapsed(job: Job, now: number) {
  const start = Date.parse(job.createdAt)
  if (isActive(job.status)) return { label: 'Elapsed', ms: now - start }
  if (job.finishedAt) return { label: 'Took', ms: Date.parse(job.finishedAt) - start }
  return null
}

/** States that are not the vendor's "no": the job may still turn out fine. */
const CALM = UNRESOLVED_STATUSES

function untilText(at: string, now: number) {
  const ms = Date.parse(at) - now
  return ms > 500 ? `Next try in ${formatDuration(ms)}.` : 'Trying again now.'
}

function seedText(job: Job) {
  if (job.seed !== null) return `Seed ${job.seed}`
  return isActive(job.status) ? 'Seed random (pending)' : 'Seed not reported'
}

export function JobRow({ job, now }: { job: Job; now: number }) {
  const time = elapsed(job, now)
  const count = typeof job.params.num_images === 'number' ? job.params.num_images : job.images.length
  return (
    <li className="grid gap-2 px-5 py-3.5">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <JobStatusBadge status={job.status} retrying={job.retry !== null} />
        <span className="text-sm font-medium">{MODELS[job.model].displayName}</span>
        {job.status === 'queued' && job.queuePosition !== null && (
          <span className="text-xs text-muted-foreground">Position {job.queuePosition} in Pixazo's queue</span>
        )}
        {job.status === 'waiting' && job.localQueuePosition !== null && (
          <span className="text-xs text-muted-foreground">#{job.localQueuePosition} in Darkroom's queue</span>
        )}
        {job.retryOf && <span className="text-xs text-muted-foreground">retry</span>}
        {time && (
          <span className="ml-auto text-xs text-muted-foreground tabular-nums">
            {time.label} {formatDuration(time.ms)}
          </span>
        )}
      </div>
      <p className="truncate text-sm text-foreground/90" title={job.prompt}>
        {job.prompt}
      </p>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
        <span className="font-mono">{seedText(job)}</span>
        <span aria-hidden="true">·</span>
        <span>
          {count} image{count === 1 ? '' : 's'}
        </span>
        <span aria-hidden="true">·</span>
        <span>{job.estimatedCostUsd === null ? 'Price unknown' : `Est. ${formatUsd(job.estimatedCostUsd)}`}</span>
        {job.images.length > 0 && (
          <span className="ml-auto flex gap-1">
            {job.images.map((image) => (
              <img key={image.id} src={image.thumbUrl} alt="" width={28} height={28} className="size-7 rounded object-cover" />
            ))}
          </span>
        )}
      </div>
      {job.retry && (
        <p className="rounded-md border border-warning/30 bg-warning/10 px-3 py-2 text-xs leading-relaxed">
          <span className="text-warning">Retrying (attempt {job.retry.attempt + 1})</span>: {asSentence(job.retry.reason)}{' '}
          <span className="tabular-nums">{untilText(job.retry.nextAttemptAt, now)}</span>
        </p>
      )}
      {job.error && (
        <div
          className={cn(
            'rounded-md border px-3 py-2 text-xs leading-relaxed',
            CALM.includes(job.status) ? 'border-warning/30 bg-warning/10' : 'border-destructive/30 bg-destructive/10',
          )}
        >
          <p className={CALM.includes(job.status) ? 'text-warning' : 'text-destructive'}>
            <span className="mr-1.5 rounded bg-background/40 px-1 font-mono text-[10px]">{job.error.code}</span>
            {job.error.message}
          </p>
          <p className="mt-0.5 text-foreground/80">{job.error.action}</p>
        </div>
      )}
      <JobActions job={job} />
    </li>
  )
}
