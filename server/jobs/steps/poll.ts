// Reading a job's status from Pixazo: queued and processing move the job along, a finished job goes to
// its download, failures end it in the vendor's words, and errors back off until the deadline.
import type { ModelId } from '../../../shared/catalogue'
import { POLLABLE_STATUSES } from '../../../shared/job-states'
import type { JobRow } from '../../db/stores'
import { describeModelFailure, describeUpstreamError } from '../../pixazo/errors'
import type { UpstreamStatus } from '../../pixazo/normalise'
import { backoffMs, isRetryablePollError, retryReason } from '../policy'
import { complete } from './complete'
import { CLEAR_RETRY, type StepContext } from './context'

export async function pollOnce(ctx: StepContext, id: string) {
  const { repo, clock } = ctx
  const job = await repo.getJob(id)
  if (ctx.stopped() || !job?.requestId || !POLLABLE_STATUSES.includes(job.status)) return
  if (job.status === 'downloading' && !ctx.downloads.has(id)) return ctx.forget(id)
  if (job.status !== 'downloading' && job.deadlineAt !== null && clock.now() > job.deadlineAt) return timeOut(ctx, job, null)
  let status: UpstreamStatus
  ctx.lastRead.set(id, clock.now())
  try {
    status = await ctx.pixazo.status(job.model as ModelId, job.requestId)
  } catch (err) {
    if (!isRetryablePollError(err))
      return ctx.end(id, job.status, job.status === 'downloading' ? 'download_failed' : 'failed', describeUpstreamError(err))
    const attempt = job.attempts + 1
    if (attempt >= ctx.retry.pollFailures) {
      if (job.status !== 'downloading') return timeOut(ctx, job, retryReason(err))
      return ctx.end(id, 'downloading', 'download_failed', {
        ...describeUpstreamError(err),
        action: 'Pixazo made the image but did not say where to fetch it. Retry asks again (nothing is regenerated).',
      })
    }
    const wait = Math.max(backoffMs(ctx.retry, attempt, err, ctx.random), ctx.poll.minMs)
    await repo.updateJob(id, { attempts: attempt, nextAttemptAt: clock.now() + wait, retryReason: retryReason(err) })
    return ctx.schedule(id, wait)
  }
  switch (status.state) {
    case 'completed':
      ctx.pollScheduler?.finished(id)
      return complete(ctx, job, status)
    case 'failed':
    case 'error':
      return ctx.end(
        id,
        job.status,
        job.status === 'downloading' ? 'download_failed' : 'failed',
        describeModelFailure(status.state === 'failed' ? 'FAILED' : 'ERROR', status.error),
      )
    default: {
      if (job.status === 'downloading') return ctx.schedule(id, ctx.nextPollDelay(job))
      // Unknown status words keep the job where it was and keep polling.
      const next = status.state === 'processing' || job.status === 'processing' ? 'processing' : 'queued'
      await repo.transition(id, job.status, next, { upstreamStatus: status.raw, queuePosition: status.queuePosition, ...CLEAR_RETRY })
      ctx.schedule(id, ctx.nextPollDelay(job))
    }
  }
}

/** Takes a parked download (disk full) up again: the status is read first, for fresh URLs. */
export async function downloadAgain(ctx: StepContext, id: string) {
  if (ctx.stopped()) return
  if (!(await ctx.repo.transition(id, 'download_failed', 'downloading', { finishedAt: null, nextAttemptAt: null, ...ctx.leaseFields() }))) return
  ctx.downloads.add(id)
  await pollOnce(ctx, id)
}

function timeOut(ctx: StepContext, job: JobRow, lastError: string | null) {
  const minutes = Math.round(ctx.deadlineMs / 60_000)
  const last = job.upstreamStatus ? `Pixazo last said ${job.upstreamStatus}` : 'Pixazo has not answered yet'
  return ctx.end(job.id, job.status, 'timed_out', {
    code: 'timeout',
    message: lastError ? `Gave up polling after repeated errors (${lastError}). ${last}.` : `No result after ${minutes} min. ${last}.`,
    action: 'Re-check asks Pixazo again; nothing is resubmitted or charged.',
  })
}
