// Tells the change notifier when the runner or a service commits a change to jobs or images, by
// wrapping the repo's writes, so no caller has to remember to. Polls that learn nothing new write
// the same values again; those are not changes and wake nobody.
import type { ChangeKind } from '../../shared/events'
import type { JobPatch, Repo } from '../db/repo'
import type { JobRow } from '../db/schema'
import type { ChangeNotifier } from './notifier'

/** States a person waits for: they wake pages at once. The rest is progress. */
const SETTLED = new Set(['completed', 'failed', 'cancelled', 'timed_out', 'uncertain', 'waiting'])

const kindsOf = (row: Pick<JobRow, 'comparisonId'> | undefined, ...more: ChangeKind[]): ChangeKind[] =>
  row?.comparisonId ? ['jobs', 'comparisons', ...more] : ['jobs', ...more]

function differs(row: JobRow, patch: JobPatch): boolean {
  return Object.entries(patch).some(([key, value]) => key !== 'updatedAt' && row[key as keyof JobRow] !== value)
}

export function watchRepo(repo: Repo, notifier: ChangeNotifier): Repo {
  const jobChanged = (before: JobRow | undefined, patch: JobPatch) => {
    const status = patch.status
    notifier.bump(kindsOf(before), status !== undefined && status !== before?.status && SETTLED.has(status))
  }
  return {
    ...repo,
    insertJob(job) {
      repo.insertJob(job)
      notifier.bump(kindsOf({ comparisonId: job.comparisonId ?? null }))
    },
    updateJob(id, patch) {
      const before = repo.getJob(id)
      repo.updateJob(id, patch)
      if (!before || differs(before, patch)) jobChanged(before, patch)
    },
    transition(id, from, patch) {
      const moved = repo.transition(id, from, patch)
      if (moved) jobChanged({ ...repo.getJob(id)!, status: from }, patch)
      return moved
    },
    completeJob(id, rows, patch) {
      repo.completeJob(id, rows, patch)
      notifier.bump(kindsOf(repo.getJob(id), 'images'))
    },
    deleteImage(id) {
      repo.deleteImage(id)
      notifier.bump(['images'])
    },
  }
}
