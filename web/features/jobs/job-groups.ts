// The job list's rows: a playground job is a row of its own; a comparison's cells are one row,
// where the first of them appears, so a 3 × 3 grid does not push everything else off the list.
import type { Job } from '../../../shared/api'
import { isActive } from '../../../shared/job-states'

export type ComparisonGroup = { kind: 'comparison'; comparisonId: string; jobs: Job[] }
export type JobEntry = { kind: 'job'; job: Job } | ComparisonGroup

export function groupJobs(jobs: Job[]): JobEntry[] {
  const entries: JobEntry[] = []
  const groups = new Map<string, ComparisonGroup>()
  for (const job of jobs) {
    if (job.comparisonId === null) {
      entries.push({ kind: 'job', job })
      continue
    }
    const group = groups.get(job.comparisonId)
    if (group) group.jobs.push(job)
    else {
      const created: ComparisonGroup = { kind: 'comparison', comparisonId: job.comparisonId, jobs: [job] }
      groups.set(job.comparisonId, created)
      entries.push(created)
    }
  }
  return entries
}

/** "4 done · 3 running · 1 failed" for a comparison's jobs in the list. */
export function groupCounts(jobs: Job[]) {
  return {
    done: jobs.filter((j) => j.status === 'completed').length,
    running: jobs.filter((j) => isActive(j.status)).length,
    failed: jobs.filter((j) => ['failed', 'timed_out', 'uncertain'].includes(j.status)).length,
  }
}
