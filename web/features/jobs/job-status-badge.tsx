import type { JobStatus } from '../../../shared/api'
import { Badge } from '../../components/ui/badge'
import { cn } from '../../lib/cn'

const STATUS: Record<JobStatus, { label: string; variant: 'neutral' | 'info' | 'warning' | 'success' | 'destructive'; live?: boolean }> = {
  waiting: { label: 'Waiting', variant: 'neutral', live: true },
  submitting: { label: 'Submitting', variant: 'neutral', live: true },
  queued: { label: 'Queued', variant: 'neutral', live: true },
  processing: { label: 'Processing', variant: 'info', live: true },
  downloading: { label: 'Downloading', variant: 'info', live: true },
  download_failed: { label: 'Download failed', variant: 'warning' },
  completed: { label: 'Completed', variant: 'success' },
  failed: { label: 'Failed', variant: 'destructive' },
  timed_out: { label: 'Timed out', variant: 'warning' },
  uncertain: { label: 'Submission uncertain', variant: 'warning' },
  cancelled: { label: 'Cancelled', variant: 'neutral' },
}

export function JobStatusBadge({ status, retrying = false }: { status: JobStatus; retrying?: boolean }) {
  const { label, variant, live } = retrying ? { label: 'Retrying', variant: 'warning' as const, live: true } : STATUS[status]
  return (
    <Badge variant={variant}>
      <span aria-hidden="true" className={cn('size-1.5 rounded-full bg-current', live && 'animate-pulse')} />
      {label}
    </Badge>
  )
}
