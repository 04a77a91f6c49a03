import type { UseMutationResult } from '@tanstack/react-query'
import type { Job } from '../../../shared/api'
import { cn } from '../../lib/cn'

/**
 * One line right under the Generate button saying what the last press did, so the answer is where
 * the person looks, even when the form is scrolled (the full error is announced in the form).
 */
export function SubmitStatus({ create }: { create: Pick<UseMutationResult<Job, Error, unknown>, 'status' | 'error'> }) {
  if (create.status === 'idle') return null
  const text =
    create.status === 'pending'
      ? 'Sending…'
      : create.status === 'success'
        ? 'Sent — it is in the job list.'
        : `Not sent: ${create.error?.message ?? 'the request failed.'}`
  return (
    <p
      data-testid="submit-status"
      className={cn('w-full text-right text-xs', create.status === 'error' ? 'text-destructive' : 'text-muted-foreground')}
    >
      {text}
    </p>
  )
}
