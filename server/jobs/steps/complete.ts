// A finished job's results: at most what was paid for is downloaded, verified and stored with the job
// completed in one step; a failed download is retried with fresh URLs, a full disk parks the job until
// there is space again.
import type { JobRow } from '../../db/stores'
import type { UpstreamStatus } from '../../pixazo/normalise'
import { capMedia, downloadResults } from '../download'
import { backoffMs, isDiskFullError, isRetryableDownloadError } from '../policy'
import { CLEAR_ERROR, CLEAR_RETRY, type StepContext } from './context'

export async function complete(ctx: StepContext, job: JobRow, status: UpstreamStatus) {
  const { repo, clock } = ctx
  const done = job.status === 'downloading' ? job.attempts : 0
  const patch = { upstreamStatus: status.raw, queuePosition: null, attempts: done, ...ctx.leaseFields() }
  if (!(await repo.transition(job.id, job.status, 'downloading', patch))) return
  ctx.downloads.add(job.id)
  if (job.status !== 'downloading') void ctx.dispatch() // no longer occupies a slot upstream
  const { kept, extra } = capMedia(status.media, job.params.num_images)
  if (extra.length > 0) {
    ctx.log.warn('Pixazo sent more images than were paid for; only those are stored', {
      job: job.id,
      paid: kept.length,
      extra: extra.length,
      urls: extra.map((m) => m.url.slice(0, 200)),
    })
  }
  try {
    const rows = await downloadResults(job, { ...status, media: kept }, ctx.download, clock.now())
    ctx.forget(job.id)
    if (await repo.completeJob(job.id, rows, { finishedAt: clock.now(), ...CLEAR_RETRY, ...CLEAR_ERROR }))
      ctx.log.info('job completed', { job: job.id, images: rows.length })
  } catch (err) {
    const attempt = done + 1
    if (isDiskFullError(err)) return waitForSpace(ctx, job.id, attempt, err as Error)
    if (isRetryableDownloadError(err) && attempt < ctx.retry.downloadAttempts) {
      // Read the status again before the next try: the gateway may hand out fresh URLs.
      const wait = backoffMs(ctx.retry, attempt, err, ctx.random)
      await repo.updateJob(job.id, {
        attempts: attempt,
        nextAttemptAt: clock.now() + wait,
        retryReason: `Download failed: ${(err as Error).message}`,
      })
      return ctx.schedule(job.id, wait)
    }
    await ctx.end(job.id, 'downloading', 'download_failed', {
      code: 'download',
      message: (err as Error).message,
      action: 'Pixazo made the image but Darkroom could not store it. Retry downloads it again (nothing is regenerated).',
    })
  }
}

/** A full disk parks the job in download_failed and tries again with backoff until space returns. */
async function waitForSpace(ctx: StepContext, id: string, attempt: number, err: Error) {
  const { clock } = ctx
  ctx.forget(id)
  const wait = Math.max(backoffMs(ctx.retry, attempt, err, ctx.random), ctx.poll.minMs)
  await ctx.repo.transition(id, 'downloading', 'download_failed', {
    finishedAt: clock.now(),
    errorCode: 'disk_full',
    errorMessage: `The disk is full: the image could not be saved (${err.message})`,
    errorAction: 'Free some space where Darkroom keeps its data; it tries again on its own. Retry tries now.',
    attempts: attempt,
    nextAttemptAt: clock.now() + wait,
    retryReason: 'The disk is full; waiting for space',
  })
  ctx.log.error('disk full, download will be retried', { job: id, attempt, waitMs: wait })
  ctx.schedule(id, wait, 'download-again')
}
