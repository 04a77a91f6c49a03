import { isActive, type JobStatus } from '../../../shared/job-states'
import { Badge } from '../../components/ui/badge'
import { cn } from '../../lib/cn'
import { JOB_STATUS_LABEL } from '../../lib/job-status'

const VARIANT: Record<JobStatus, 'neutral' | 'info' | 'warning' | 'success' | 'destructive'> = {
  waiting: 'neutral',
  submitting: 'neutral',
  queued: 'neutral',
  processing: 'info',
  downloading: 'info',
  download_failed: 'warning',
  completed: 'success',
  failed: 'destructive',
  timed_out: 'warning',
  uncertain: 'warning',
  cancelled: 'neutral',
}

export function JobStatusBadge({ status, retrying = false }: { status: JobStatus; retrying?: boolean }) {
  const { label, variant, live } = retrying
    ? { label: 'Retrying', variant: 'warning' as const, live: true }
    : { label: JOB_STATUS_LABEL[status], variant: VARIANT[status], live: isActive(status) }
  return (
    <Badge variant={variant}>
      <span aria-hidden="true" className={cn('size-1.5 rounded-full bg-current', live && 'animate-pulse')} />
      {label}
    </Badge>
  )
}
