// A job's lifecycle as one table: every status, where it may go next, and the groups the server
// and the web app ask about. Nothing else spells these lists. Decision: docs/decisions/014-job-state-machine.md.

/**
 * `waiting` is the local queue (limits on jobs in flight upstream); `submitting` is written before the
 * upstream call, and a job found in it after a crash becomes `uncertain` (it may or may not have reached
 * Pixazo) and is never resent on our own. `timed_out` jobs passed their deadline and can be re-checked;
 * `download_failed` jobs were made by Pixazo but not stored, and can be downloaded again for free.
 */
export const JOB_STATUSES = [
  'waiting',
  'submitting',
  'queued',
  'processing',
  'downloading',
  'download_failed',
  'completed',
  'failed',
  'timed_out',
  'uncertain',
  'cancelled',
] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

/** Where each status may go next. A patch that keeps the status is not a transition. */
export const TRANSITIONS: { readonly [S in JobStatus]: readonly JobStatus[] } = {
  waiting: ['submitting', 'cancelled'],
  // Back to `waiting` only when the gateway certainly did not take it (a retry in the local queue).
  submitting: ['queued', 'waiting', 'failed', 'uncertain'],
  queued: ['processing', 'downloading', 'failed', 'timed_out'],
  processing: ['downloading', 'failed', 'timed_out'],
  downloading: ['completed', 'download_failed'],
  download_failed: ['downloading'],
  // A stored original that went missing is downloaded again.
  completed: ['downloading'],
  timed_out: ['queued', 'processing'],
  failed: [],
  uncertain: [],
  cancelled: [],
}

export const canTransition = (from: JobStatus, to: JobStatus) => from === to || TRANSITIONS[from].includes(to)

/** Work under way: the web app keeps watching, and a comparison cell counts as running. */
export const ACTIVE_STATUSES: readonly JobStatus[] = ['waiting', 'submitting', 'queued', 'processing', 'downloading']
export const isActive = (status: JobStatus) => ACTIVE_STATUSES.includes(status)

/** Holding one of the slots upstream (PIXAZO_MAX_IN_FLIGHT). */
export const IN_FLIGHT_STATUSES: readonly JobStatus[] = ['submitting', 'queued', 'processing']

/** Known to Pixazo and not finished here: the runner reads their status. */
export const POLLABLE_STATUSES: readonly JobStatus[] = ['queued', 'processing', 'downloading']

/** Worked on by one instance at a time, which holds the job's lease (docs/decisions/025). */
export const LEASED_STATUSES: readonly JobStatus[] = ['submitting', ...POLLABLE_STATUSES]

/** Retry makes a new job with the same parameters (and spends again). */
export const RETRYABLE_STATUSES: readonly JobStatus[] = ['failed', 'uncertain', 'timed_out', 'cancelled']

/** Ended without images. */
export const UNSUCCESSFUL_STATUSES: readonly JobStatus[] = ['failed', 'download_failed', 'timed_out', 'uncertain', 'cancelled']

/** Ended without images, and not because anyone chose to. */
export const TROUBLE_STATUSES: readonly JobStatus[] = ['failed', 'download_failed', 'timed_out', 'uncertain']

/** Not the vendor's "no": the job may still turn out fine (or may have been charged). */
export const UNRESOLVED_STATUSES: readonly JobStatus[] = ['uncertain', 'timed_out', 'download_failed']

// What each status costs is one rule in SQL: the spend triggers of migration 0007 (decision 008).
