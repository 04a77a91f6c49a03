import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import type { Job } from '../../../shared/api'
import { RETRYABLE_STATUSES, UNSUCCESSFUL_STATUSES } from '../../../shared/job-states'
import { Button } from '../../components/ui/button'
import { sendToForm } from '../../lib/form-handoff'
import { jobMutations } from '../../queries/jobs'

/** The next steps a job offers in its state: retry, re-check, cancel. Nothing here spends silently. */
export function JobActions({ job }: { job: Job }) {
  const retry = useMutation(jobMutations.retry())
  const recheck = useMutation(jobMutations.recheck())
  const cancel = useMutation(jobMutations.cancel())
  const dismiss = useMutation(jobMutations.dismiss())
  const [confirming, setConfirming] = useState(false)
  const error = retry.error ?? recheck.error ?? cancel.error ?? dismiss.error
  const ended = UNSUCCESSFUL_STATUSES.includes(job.status)
  const downloadFailed = job.status === 'download_failed'

  return (
    <div className="flex flex-wrap items-center gap-2">
      {job.status === 'waiting' && (
        <Button size="sm" variant="outline" disabled={cancel.isPending} onClick={() => cancel.mutate(job.id)}>
          Cancel
        </Button>
      )}
      {job.status === 'timed_out' && (
        <Button size="sm" variant="secondary" disabled={recheck.isPending} onClick={() => recheck.mutate(job.id)}>
          Re-check
        </Button>
      )}
      {job.status !== 'uncertain' && (RETRYABLE_STATUSES.includes(job.status) || downloadFailed) && (
        <Button size="sm" variant="outline" disabled={retry.isPending} onClick={() => retry.mutate(job.id)}>
          {downloadFailed ? 'Retry download' : 'Retry'}
        </Button>
      )}
      {ended && !downloadFailed && (
        <Button
          size="sm"
          variant="ghost"
          title="Put this job's settings in the form, to change something before sending it again"
          onClick={() => sendToForm({ kind: 'parameters', model: job.model, params: job.params })}
        >
          Edit and retry
        </Button>
      )}
      {job.status === 'uncertain' &&
        (confirming ? (
          <>
            <span className="text-xs text-warning">This may charge you twice if Pixazo did get the first one.</span>
            <Button size="sm" variant="destructive" disabled={retry.isPending} onClick={() => retry.mutate(job.id)}>
              Submit again anyway
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
          </>
        ) : (
          <Button size="sm" variant="outline" onClick={() => setConfirming(true)}>
            Submit again…
          </Button>
        ))}
      {ended && (
        <Button
          size="sm"
          variant="ghost"
          className="ml-auto text-muted-foreground"
          disabled={dismiss.isPending}
          aria-label="Dismiss this job from the list"
          onClick={() => dismiss.mutate(job.id)}
        >
          Dismiss
        </Button>
      )}
      {error && (
        <p role="alert" className="text-xs text-destructive">
          {error.message}
        </p>
      )}
    </div>
  )
}
