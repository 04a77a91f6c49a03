// The check every dialect's JobStore makes before a status change: shared/job-states.ts must allow it.
import { canTransition, LEASED_STATUSES, type JobStatus } from '../../shared/job-states'

/** A move the table in shared/job-states.ts does not allow: a bug in the caller, never written. */
export class IllegalTransitionError extends Error {
  constructor(from: readonly JobStatus[], to: JobStatus) {
    super(`A job cannot go from ${from.join('/')} to ${to}`)
  }
}

/** Throws IllegalTransitionError unless every status in `from` may move to `to`. */
export function checkMove(from: readonly JobStatus[], to: JobStatus) {
  if (from.length === 0 || from.some((f) => !canTransition(f, to))) throw new IllegalTransitionError(from, to)
}

/** What a move to `to` writes to the lease: a job that leaves the leased statuses drops it. */
export const leaseAfter = (to: JobStatus) => (LEASED_STATUSES.includes(to) ? {} : { leaseOwner: null, leaseUntil: null })
