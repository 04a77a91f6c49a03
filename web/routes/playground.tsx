import { useMutationState, useQuery } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import type { Job } from '../../shared/api'
import { QueuePanel } from '../components/queue/queue-panel'
import { GenerateForm } from '../features/generate/generate-form'
import { RecentImages } from '../features/gallery/recent-images'
import { JobList } from '../features/jobs/job-list'
import { ResultStage } from '../features/jobs/result-stage'
import { jobMutations, jobQueries } from '../queries/jobs'

/** One column (a phone): the results sit below the form, out of view after tapping Generate. */
const stacked = () => window.matchMedia?.('(max-width: 63.99rem)').matches ?? false

/**
 * On a phone, the running job and then its result come into view by themselves: once when a job
 * this page submitted is accepted, and again when that job finishes. A component of its own that
 * renders nothing, so a change to the job list re-renders it alone, not the form beside it (that
 * re-render held every result back from the screen by ~15 ms).
 */
function FollowSubmittedJob({ results }: { results: React.RefObject<HTMLElement | null> }) {
  const submitted = useMutationState({
    filters: { mutationKey: jobMutations.create().mutationKey, status: 'success' },
    select: (m) => (m.state.data as Job | undefined)?.id,
  }).at(-1)
  const jobs = useQuery({ ...jobQueries.list(), enabled: false })
  const finished = jobs.data?.items.some((j) => j.id === submitted && j.finishedAt !== null) ?? false
  useEffect(() => {
    if (!submitted || !stacked()) return
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches
    results.current?.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'start' })
  }, [submitted, finished, results])
  return null
}

/** `/`: the form on the left (on top on a phone), the jobs and the latest images beside it. */
export function Playground() {
  const results = useRef<HTMLDivElement>(null)
  return (
    <div className="mx-auto grid max-w-[1600px] grid-cols-[minmax(0,1fr)] gap-6 px-4 py-4 sm:px-6 lg:grid-cols-[26rem_minmax(0,1fr)] lg:items-start">
      <FollowSubmittedJob results={results} />
      <div className="lg:sticky lg:top-[calc(var(--header-h)+0.75rem)] lg:max-h-[calc(100dvh-7rem)] lg:overflow-y-auto lg:rounded-xl [scrollbar-width:thin]">
        <GenerateForm />
      </div>
      <div ref={results} className="grid min-w-0 scroll-mt-16 grid-cols-[minmax(0,1fr)] gap-6">
        <ResultStage />
        <QueuePanel />
        <JobList />
        <RecentImages />
      </div>
    </div>
  )
}
