import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { Job } from '../../../shared/api'
import { isActive } from '../../../shared/job-states'
import { MODELS } from '../../../shared/catalogue'
import { jobMutations, jobQueries } from '../../queries/jobs'
import { Button } from '../../components/ui/button'
import { Card, CardHeader, CardTitle } from '../../components/ui/card'
import { cn } from '../../lib/cn'
import { sendToForm } from '../../lib/form-handoff'
import { Lightbox } from '../../components/lightbox/lazy-lightbox'
import { JobProgress } from './job-progress'
import { StageImage } from './stage-image'
import { useNow } from '../../lib/use-now'

/** The job the stage is about: the newest one made on the playground (comparisons have their own page). */
const playgroundJobs = (jobs: Job[] | undefined) => (jobs ?? []).filter((job) => job.comparisonId === null)

/**
 * The playground's result, large and where the eye already is: the newest finished images at a
 * size that shows their shape, and while a job runs, how far along it is against the model's usual
 * time. Re-roll, vary, favourite, download and the lightbox are one click from here.
 */
export function ResultStage() {
  const jobs = useQuery(jobQueries.list())
  const mine = playgroundJobs(jobs.data?.items)
  const latest = mine[0]
  const result = mine.find((job) => job.status === 'completed' && job.images.length > 0)
  const running = latest && isActive(latest.status) ? latest : null
  const ended = latest && !running && latest !== result && latest.status !== 'completed' ? latest : null
  const now = useNow(running !== null)
  const [open, setOpen] = useState<number | null>(null)
  const reroll = useMutation(jobMutations.reroll())

  function vary(job: Job) {
    sendToForm({ kind: 'parameters', model: job.model, params: job.seed === null ? job.params : { ...job.params, seed: job.seed } })
  }

  return (
    <Card aria-labelledby="stage-title" id="result-stage" className="scroll-mt-20">
      <CardHeader>
        <CardTitle id="stage-title">Result</CardTitle>
        {result && (
          <span className="min-w-0 truncate text-xs text-muted-foreground">
            {MODELS[result.model].displayName}
            {result.seed !== null && <span className="font-mono"> · seed {result.seed}</span>}
          </span>
        )}
      </CardHeader>
      {running && <JobProgress job={running} jobs={jobs.data?.items ?? []} now={now} />}
      {ended && <EndedNotice job={ended} onEdit={() => vary(ended)} />}
      {jobs.isPending && <p className="px-5 py-16 text-center text-sm text-muted-foreground">Loading…</p>}
      {jobs.isSuccess && !result && !running && !ended && (
        <div className="grid place-items-center gap-1 px-6 py-16 text-center">
          <p className="text-sm font-medium">Your result appears here</p>
          <p className="text-sm text-muted-foreground">Write a prompt and press Generate: the picture shows up large, in its own shape.</p>
        </div>
      )}
      {result && (
        <div className="grid gap-4 p-4">
          {running && <p className="text-xs text-muted-foreground">Previous result:</p>}
          <ul aria-label="Result images" className={cn('flex flex-wrap items-start justify-center gap-3', running && 'opacity-60')}>
            {result.images.map((image, index) => (
              <StageImage key={image.id} image={image} many={result.images.length > 1} onOpen={() => setOpen(index)} />
            ))}
          </ul>
          <p className="line-clamp-2 text-sm text-foreground/90" title={result.prompt}>
            {result.prompt}
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <Button
              onClick={() => reroll.mutate({ model: result.model, params: result.params })}
              disabled={reroll.isPending}
              title="The same settings with a new seed, sent now"
            >
              Re-roll
            </Button>
            <Button variant="outline" onClick={() => vary(result)} title="Every setting in the form, to change one and generate">
              Vary…
            </Button>
            <Button
              variant="ghost"
              disabled={result.seed === null}
              onClick={() => result.seed !== null && sendToForm({ kind: 'seed', seed: result.seed })}
            >
              Reuse seed
            </Button>
            {reroll.isError && (
              <p role="alert" className="text-xs text-destructive">
                Re-roll failed: {reroll.error.message}
              </p>
            )}
          </div>
        </div>
      )}
      {result && open !== null && <Lightbox images={result.images} index={open} onShow={setOpen} onClose={() => setOpen(null)} />}
    </Card>
  )
}

/** The newest job ended without images: what happened, and the two ways on. */
function EndedNotice({ job, onEdit }: { job: Job; onEdit: () => void }) {
  const retry = useMutation(jobMutations.retry())
  return (
    <div role="status" className="mx-4 mt-4 grid gap-2 rounded-md border border-destructive/30 bg-destructive/10 px-3 py-2 text-sm">
      <p className="text-destructive">
        The last job {job.status === 'cancelled' ? 'was cancelled' : job.status === 'timed_out' ? 'timed out' : 'did not finish'}
        {job.error ? `: ${job.error.message}` : '.'}
      </p>
      {job.error?.action && <p className="text-xs text-foreground/80">{job.error.action}</p>}
      <div className="flex flex-wrap gap-2">
        {job.status !== 'uncertain' && (
          <Button size="sm" variant="outline" disabled={retry.isPending} onClick={() => retry.mutate(job.id)}>
            Retry
          </Button>
        )}
        <Button size="sm" variant="ghost" onClick={onEdit}>
          Edit and retry
        </Button>
      </div>
    </div>
  )
}
