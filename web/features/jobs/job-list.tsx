import { useQuery } from '@tanstack/react-query'
import { isActive } from '../../../shared/job-states'
import { anyActive, jobQueries } from '../../queries/jobs'
import { Card, CardHeader, CardTitle } from '../../components/ui/card'
import { ComparisonRow } from './comparison-row'
import { groupJobs } from './job-groups'
import { JobRow } from './job-row'
import { useNow } from '../../lib/use-now'

/** The live queue: one polling query for all jobs, so requests stay at one a second at most. */
export function JobList() {
  const jobs = useQuery(jobQueries.list())
  const active = anyActive(jobs.data)
  const now = useNow(active)
  const running = jobs.data?.items.filter((job) => isActive(job.status)).length ?? 0

  return (
    <Card aria-labelledby="jobs-title">
      <CardHeader>
        <CardTitle id="jobs-title">Jobs</CardTitle>
        {running > 0 && (
          <span className="flex items-center gap-2 text-xs text-muted-foreground">
            <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-primary" />
            {running} running
          </span>
        )}
      </CardHeader>
      {jobs.isPending && <p className="px-5 py-6 text-sm text-muted-foreground">Loading jobs…</p>}
      {jobs.isError && (
        <p role="alert" className="px-5 py-6 text-sm text-destructive">
          Could not load jobs: {jobs.error.message}
        </p>
      )}
      {jobs.data?.items.length === 0 && <p className="px-5 py-6 text-sm text-muted-foreground">No jobs yet. Write a prompt and press Generate.</p>}
      {jobs.data && jobs.data.items.length > 0 && (
        <ol aria-label="Jobs" className="divide-y divide-border">
          {groupJobs(jobs.data.items).map((entry) =>
            entry.kind === 'job' ? <JobRow key={entry.job.id} job={entry.job} now={now} /> : <ComparisonRow key={entry.comparisonId} group={entry} />,
          )}
        </ol>
      )}
    </Card>
  )
}
