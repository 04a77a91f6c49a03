import type { JobStatus } from '../../shared/job-states'

/** How each job status reads, everywhere: job rows, comparison cells, the result stage. */
export const JOB_STATUS_LABEL: Record<JobStatus, string> = {
  waiting: 'Waiting',
  submitting: 'Submitting',
  queued: 'Queued',
  processing: 'Processing',
  downloading: 'Downloading',
  download_failed: 'Download failed',
  completed: 'Completed',
  failed: 'Failed',
  timed_out: 'Timed out',
  uncertain: 'Submission uncertain',
  cancelled: 'Cancelled',
}
