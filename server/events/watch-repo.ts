// Tells the change notifier when the runner or a service commits a change to jobs or images, by
// wrapping the job store's writes, so no caller has to remember to. Polls that learn nothing new write
// the same values again; those are not changes and wake nobody. Each announcement is awaited where
// the write ran: inside a transaction it leaves with the commit (decision 026).
import type { ChangeKind } from '../../shared/events'
import type { JobStatus } from '../../shared/job-states'
import type { JobPatch, JobRow, JobStore } from '../db/stores'
import type { ChangeNotifier } from './notifier'

/** States a person waits for: they wake pages at once. The rest is progress. */
const SETTLED = new Set<JobStatus>(['completed', 'failed', 'download_failed', 'cancelled', 'timed_out', 'uncertain', 'waiting'])

const kindsOf = (row: Pick<JobRow, 'comparisonId'> | undefined, ...more: ChangeKind[]): ChangeKind[] =>
  row?.comparisonId ? ['jobs', 'comparisons', ...more] : ['jobs', ...more]

function differs(row: JobRow, patch: JobPatch): boolean {
  return Object.entries(patch).some(([key, value]) => key !== 'updatedAt' && row[key as keyof JobRow] !== value)
}

export function watchRepo(repo: JobStore, notifier: ChangeNotifier): JobStore {
  const jobChanged = (row: Pick<JobRow, 'comparisonId'> | undefined, settled: boolean) => notifier.bump(kindsOf(row), settled)
  return {
    ...repo,
    async insertJob(job) {
      await repo.insertJob(job)
      await notifier.bump(kindsOf({ comparisonId: job.comparisonId ?? null }))
    },
    async updateJob(id, patch) {
      const before = await repo.getJob(id)
      await repo.updateJob(id, patch)
      if (!before || differs(before, patch)) await jobChanged(before, false)
    },
    async transition(id, from, to, patch) {
      const moved = await repo.transition(id, from, to, patch)
      if (moved) await jobChanged(await repo.getJob(id), SETTLED.has(to))
      return moved
    },
    async claimDue(now, maxInFlight, lease) {
      const claimed = await repo.claimDue(now, maxInFlight, lease)
      if (claimed.length) await notifier.bump([...new Set(claimed.flatMap((job) => kindsOf(job)))], false)
      return claimed
    },
    async setQueuePaused(paused, at) {
      const state = await repo.setQueuePaused(paused, at)
      notifier.bump(['jobs'])
      return state
    },
    async moveWaiting(id, position) {
      const moved = await repo.moveWaiting(id, position)
      if (moved) notifier.bump(['jobs'])
      return moved
    },
    async cancelWaiting(at) {
      const cancelled = await repo.cancelWaiting(at)
      // Comparison cells among them refresh their comparisons too.
      if (cancelled.length > 0) notifier.bump(['jobs', 'comparisons'])
      return cancelled
    },
    async completeJob(id, rows, patch) {
      const done = await repo.completeJob(id, rows, patch)
      if (done) await notifier.bump(kindsOf(await repo.getJob(id), 'images'))
      return done
    },
    async deleteImage(id) {
      await repo.deleteImage(id)
      await notifier.bump(['images'])
    },
  }
}
