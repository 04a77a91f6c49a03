// Sending a claimed job to Pixazo, once: the request id is recorded before anything else happens, a
// refusal the gateway certainly did not act on goes back to the local queue, and an answer that may
// have been acted on ends the job as uncertain (docs/decisions/006).
import { randomBytes } from 'node:crypto'
import type { ModelId } from '../../../shared/catalogue'
import { describeUpstreamError } from '../../pixazo/errors'
import { backoffMs, classifySubmitError, retryReason } from '../policy'
import { CLEAR_RETRY, UNCERTAIN_ACTION, webhookPath, type StepContext } from './context'

export async function submit(ctx: StepContext, id: string) {
  const { repo, clock } = ctx
  const job = await repo.getJob(id)
  if (!job || job.status !== 'submitting') return
  let webhookUrl: string | undefined
  if (ctx.webhookBase) {
    const token = job.webhookToken ?? randomBytes(24).toString('base64url')
    if (!job.webhookToken) await repo.updateJob(id, { webhookToken: token })
    webhookUrl = ctx.webhookBase + webhookPath(id, token)
  }
  try {
    const { requestId } = await ctx.pixazo.submit(job.model as ModelId, job.params, { webhookUrl })
    // Recorded even while stopping: stop() waits for this step, and a lost id is a lost job.
    const now = clock.now()
    const deadlineAt = now + ctx.deadlineMs
    await repo.transition(id, 'submitting', 'queued', { requestId, upstreamStatus: 'QUEUED', submittedAt: now, deadlineAt, ...CLEAR_RETRY })
    ctx.log.info('job submitted', { job: id, requestId })
    ctx.schedule(id, ctx.nextPollDelay({ ...job, status: 'queued', submittedAt: now, deadlineAt }, true))
  } catch (err) {
    const verdict = classifySubmitError(err)
    const attempt = job.attempts + 1
    if (verdict === 'retry' && attempt < ctx.retry.submitAttempts) {
      // Back to the local queue: the gateway certainly did not take it, so a crash now is harmless.
      const wait = backoffMs(ctx.retry, attempt, err, ctx.random)
      await repo.transition(id, 'submitting', 'waiting', { attempts: attempt, nextAttemptAt: clock.now() + wait, retryReason: retryReason(err) })
      ctx.log.warn('submit failed, will retry', { job: id, attempt, waitMs: wait, error: (err as Error).message })
      void ctx.dispatch()
    } else if (verdict === 'uncertain') {
      await ctx.end(id, 'submitting', 'uncertain', { ...describeUpstreamError(err), action: UNCERTAIN_ACTION })
    } else {
      await ctx.end(id, 'submitting', 'failed', describeUpstreamError(err))
    }
  }
}
