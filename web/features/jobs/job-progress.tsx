import type { Job } from '../../../shared/api'
import { MODELS } from '../../../shared/catalogue'
import { formatDuration } from '../../lib/format'
import { JobStatusBadge } from './job-status-badge'
import { typicalDurationMs } from './typical'

/** A running job on the stage: its state, its place in a queue, and elapsed against the usual time. */
export function JobProgress({ job, jobs, now }: { job: Job; jobs: Job[]; now: number }) {
  const elapsed = Math.max(0, now - Date.parse(job.createdAt))
  const typical = typicalDurationMs(jobs, job.model)
  // Never 100% before it is done: a job past its usual time is "taking longer", not finished.
  const percent = typical ? Math.min(95, Math.round((elapsed / typical) * 100)) : null
  const model = MODELS[job.model].displayName
  return (
    <div className="grid gap-2 border-b border-border px-5 py-4" aria-label="Running job">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <JobStatusBadge status={job.status} retrying={job.retry !== null} />
        <span className="font-medium">{model}</span>
        {job.status === 'queued' && job.queuePosition !== null && (
          <span className="text-xs text-muted-foreground">Position {job.queuePosition} in Pixazo's queue</span>
        )}
        {job.status === 'waiting' && job.localQueuePosition !== null && (
          <span className="text-xs text-muted-foreground">#{job.localQueuePosition} in Darkroom's queue</span>
        )}
        <span className="ml-auto text-xs text-muted-foreground tabular-nums">
          {formatDuration(elapsed)}
          {typical !== null ? ` of about ${formatDuration(typical)}` : ' elapsed'}
          {typical !== null && <span className="hidden sm:inline"> (typical for {model})</span>}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={`${model} job progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={
          typical !== null ? `${formatDuration(elapsed)} of a typical ${formatDuration(typical)}` : `${formatDuration(elapsed)} elapsed`
        }
        className="h-1.5 overflow-hidden rounded-full bg-muted"
      >
        <div
          className={percent === null ? 'h-full w-1/3 animate-pulse bg-primary' : 'h-full bg-primary transition-[width] duration-1000 ease-linear'}
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
      <p className="truncate text-xs text-muted-foreground" title={job.prompt}>
        {job.prompt}
      </p>
    </div>
  )
}
