// Tells the change notifier when the runner or a service commits a change to jobs or images, by
// wrapping the repo's writes, so no caller has to remember to. Polls that learn nothing new write
// the same values again; those are not changes and wake nobody.
import type { ChangeKind } from '../../shared/events'
import type { JobPatch, Repo } from '../db/repo'
import type { JobRow } from '../db/schema'
import type { JobStatus } from '../../shared/job-states'
import type { ChangeNotifier } from './notifier'

/** States a person waits for: they wake pages at once. The rest is progress. */
const SETTLED = new Set<JobStatus>(['completed', 'failed', 'download_failed', 'cancelled', 'timed_out', 'uncertain', 'waiting'])

const kindsOf = (row: Pick<JobRow, 'comparisonId'> | undefined, ...more: ChangeKind[]): ChangeKind[] =>
  row?.comparisonId ? ['jobs', 'comparisons', ...more] : ['jobs', ...more]

function differs(row: JobRow, patch: JobPatch): boolean {
  return Object.entries(patch).some(([key, value]) => key !== 'updatedAt' && row[key as keyof JobRow] !== value)
}

export function watchRepo(repo: Repo, notifier: ChangeNotifier): Repo {
  const jobChanged = (row: Pick<JobRow, 'comparisonId'> | undefined, settled: boolean) => notifier.bump(kindsOf(row), settled)
  return {
    ...repo,
    insertJob(job) {
      repo.insertJob(job)
      notifier.bump(kindsOf({ comparisonId: job.comparisonId ?? null }))
    },
    updateJob(id, patch) {
      const before = repo.getJob(id)
      repo.updateJob(id, patch)
      if (!before || differs(before, patch)) jobChanged(before, false)
    },
    transition(id, from, to, patch) {
      const moved = repo.transition(id, from, to, patch)
      if (moved) jobChanged(repo.getJob(id), SETTLED.has(to))
      return moved
    },
    completeJob(id, rows, patch) {
      const done = repo.completeJob(id, rows, patch)
      if (done) notifier.bump(kindsOf(repo.getJob(id), 'images'))
      return done
    },
    deleteImage(id) {
      repo.deleteImage(id)
      notifier.bump(['images'])
    },
  }
}
