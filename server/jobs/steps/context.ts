// What a job's steps (submit, poll, complete) are given by the runner that plans them: the parts they
// talk to, and the runner's hands for planning the next step and ending a job. The steps decide; the
// runner (../runner.ts) keeps the timers, the one-step-per-job guard, dispatch and leases.
import type { JobError } from '../../../shared/api'
import type { JobStatus } from '../../../shared/job-states'
import type { JobRow, JobStore } from '../../db/stores'
import type { Logger } from '../../log'
import type { PixazoClient } from '../../pixazo/client'
import type { Clock } from '../../clock'
import type { DownloadOptions } from '../download'
import type { RetryPolicy } from '../policy'
import type { PollScheduler } from '../poll-scheduler'

export type PollCadence = { firstMs: number; minMs: number; maxMs: number }

/** A step the runner can plan for a job: the names its timers keep. */
export type StepName = 'submit' | 'poll' | 'download-again'

export type StepContext = {
  repo: JobStore
  pixazo: PixazoClient
  log: Logger
  clock: Clock
  random: () => number
  retry: RetryPolicy
  poll: PollCadence
  deadlineMs: number
  download: DownloadOptions
  webhookBase: string | undefined
  pollScheduler: PollScheduler | undefined
  /** Jobs whose download this runner does (decision 026): a poll here leaves any other downloading job alone. */
  downloads: Set<string>
  /** When each job's status was last read, for merging webhooks. */
  lastRead: Map<string, number>
  stopped(): boolean
  /** Plans a job's next step in `ms`. */
  schedule(id: string, ms: number, step?: StepName): void
  /** When to read a job's status next (the cadence or the poll scheduler, never past its deadline). */
  nextPollDelay(job: JobRow, first?: boolean): number
  /** Ends a job (if it is still where the caller saw it) and frees its slot. */
  end(id: string, from: JobStatus, status: 'failed' | 'uncertain' | 'timed_out' | 'download_failed', error: JobError): Promise<void>
  /** Drops everything planned for a job. */
  forget(id: string): void
  /** Sends waiting jobs while slots are free. */
  dispatch(): Promise<void>
  /** The lease written with a move into a leased status from one that holds none. */
  leaseFields(): { leaseOwner: string; leaseUntil: number }
}

export const CLEAR_RETRY = { attempts: 0, nextAttemptAt: null, retryReason: null }
export const CLEAR_ERROR = { errorCode: null, errorMessage: null, errorAction: null }

export const UNCERTAIN_ACTION = 'Check your Pixazo dashboard, then submit again only if it is not there, so you are not charged twice.'
/** A submit caught midway by a stop or a lost lease: it may or may not have reached Pixazo, and is never sent again. */
export const UNCERTAIN: JobError = {
  code: 'uncertain',
  message: 'Darkroom stopped while this job was being submitted; it may or may not have reached Pixazo.',
  action: UNCERTAIN_ACTION,
}

export const webhookPath = (jobId: string, token: string) => `/api/webhooks/pixazo/${jobId}/${token}`
