// Runs jobs against the gateway: submit once, poll with one server-side timer per job, download
// the results when they are ready, and pick up unfinished jobs after a restart.
import type { ModelId } from '../../shared/catalogue'
import type { JobError } from '../../shared/api'
import type { Repo } from '../db/repo'
import type { JobRow } from '../db/schema'
import type { Logger } from '../log'
import type { PixazoClient } from '../pixazo/client'
import { describeModelFailure, describeUpstreamError, PixazoHttpError, PixazoNetworkError, PixazoProtocolError } from '../pixazo/errors'
import type { UpstreamStatus } from '../pixazo/normalise'
import { downloadResults } from './download'

export type RunnerOptions = {
  repo: Repo
  pixazo: PixazoClient
  log: Logger
  download: Parameters<typeof downloadResults>[2]
  /** Poll cadence: first poll after `firstMs`, then growing ×1.5 from `minMs` up to `maxMs`. */
  poll?: { firstMs: number; minMs: number; maxMs: number }
}

/** The vendor advises polling every 2–10 s; the first look is sooner because Turbo models are fast. */
export const DEFAULT_POLL = { firstMs: 1000, minMs: 1000, maxMs: 5000 }
const POLLABLE = ['queued', 'processing', 'downloading']

const UNCERTAIN: JobError = {
  code: 'uncertain',
  message: 'Darkroom stopped while this job was being submitted; it may or may not have reached Pixazo.',
  action: 'Check your Pixazo dashboard before generating it again, so you are not charged twice.',
}

export function createJobRunner(options: RunnerOptions) {
  const { repo, pixazo, log } = options
  const poll = options.poll ?? DEFAULT_POLL
  const timers = new Map<string, NodeJS.Timeout>()
  const delays = new Map<string, number>()
  const inFlight = new Set<Promise<void>>()
  let stopped = false

  function track(work: Promise<void>) {
    const p = work.catch((err) => log.error('job step crashed', { error: String(err) }))
    inFlight.add(p)
    void p.finally(() => inFlight.delete(p))
  }

  function schedule(id: string, ms: number) {
    if (stopped) return
    clearTimeout(timers.get(id))
    timers.set(id, setTimeout(() => track(pollOnce(id)), ms))
  }

  function nextDelay(id: string) {
    const current = delays.get(id) ?? poll.minMs
    delays.set(id, Math.min(Math.round(current * 1.5), poll.maxMs))
    return current
  }

  function forget(id: string) {
    clearTimeout(timers.get(id))
    timers.delete(id)
    delays.delete(id)
  }

  function fail(id: string, error: JobError, status: 'failed' | 'uncertain' = 'failed') {
    forget(id)
    log.warn('job failed', { job: id, code: error.code, message: error.message })
    repo.updateJob(id, { status, finishedAt: Date.now(), errorCode: error.code, errorMessage: error.message, errorAction: error.action })
  }

  async function submit(id: string) {
    const job = repo.getJob(id)
    if (!job || job.status !== 'submitting') return
    try {
      const { requestId } = await pixazo.submit(job.model as ModelId, JSON.parse(job.params))
      // Recorded even while stopping: stop() waits for this step, and a lost id means a lost job.
      repo.updateJob(id, { requestId, status: 'queued', upstreamStatus: 'QUEUED', submittedAt: Date.now() })
      log.info('job submitted', { job: id, requestId })
      schedule(id, poll.firstMs)
    } catch (err) {
      // A request that may have reached the gateway is never sent again on our own.
      const maybeSent = (err instanceof PixazoNetworkError && !err.notSent) || err instanceof PixazoProtocolError
      fail(id, maybeSent ? { ...describeUpstreamError(err), action: UNCERTAIN.action } : describeUpstreamError(err), maybeSent ? 'uncertain' : 'failed')
    }
  }

  async function pollOnce(id: string) {
    timers.delete(id)
    const job = repo.getJob(id)
    if (stopped || !job?.requestId || !POLLABLE.includes(job.status)) return
    let status: UpstreamStatus
    try {
      status = await pixazo.status(job.model as ModelId, job.requestId)
    } catch (err) {
      if (isRetryable(err)) {
        const wait = err instanceof PixazoHttpError && err.retryAfterSeconds !== null ? err.retryAfterSeconds * 1000 : nextDelay(id)
        log.warn('poll failed, will retry', { job: id, error: (err as Error).message, waitMs: wait })
        return schedule(id, Math.min(Math.max(wait, poll.minMs), 60_000))
      }
      return fail(id, describeUpstreamError(err))
    }
    if (stopped) return
    switch (status.state) {
      case 'completed':
        return complete(job, status)
      case 'failed':
      case 'error':
        return fail(id, describeModelFailure(status.state === 'failed' ? 'FAILED' : 'ERROR', status.error))
      default:
        repo.updateJob(id, {
          status: status.state === 'processing' ? 'processing' : job.status === 'processing' ? 'processing' : 'queued',
          upstreamStatus: status.raw,
          queuePosition: status.queuePosition,
        })
        schedule(id, nextDelay(id))
    }
  }

  async function complete(job: JobRow, status: UpstreamStatus) {
    repo.updateJob(job.id, { status: 'downloading', upstreamStatus: status.raw, queuePosition: null })
    try {
      const rows = await downloadResults(job, status, options.download)
      forget(job.id)
      repo.completeJob(job.id, rows, { status: 'completed', finishedAt: Date.now() })
      log.info('job completed', { job: job.id, images: rows.length })
    } catch (err) {
      fail(job.id, {
        code: 'download',
        message: (err as Error).message,
        action: 'Pixazo made the image but Darkroom could not store it. Try again; if it persists, check PIXAZO_MEDIA_ORIGINS.',
      })
    }
  }

  return {
    /** Starts a job whose row was just written in `submitting`. */
    start(id: string) {
      track(submit(id))
    },

    /** Picks up every unfinished job after a restart. Nothing is ever resubmitted. */
    resume() {
      const unfinished = repo.jobsWithStatus(['submitting', ...POLLABLE])
      for (const [i, job] of unfinished.entries()) {
        if (job.status === 'submitting' || !job.requestId) fail(job.id, UNCERTAIN, 'uncertain')
        else schedule(job.id, Math.min(i * 100, 5000))
      }
      return unfinished.length
    },

    activeCount: () => timers.size + inFlight.size,

    /** Stops timers and waits for steps already under way. */
    async stop() {
      stopped = true
      for (const t of timers.values()) clearTimeout(t)
      timers.clear()
      await Promise.allSettled([...inFlight])
    },
  }
}

function isRetryable(err: unknown) {
  if (err instanceof PixazoHttpError) return err.status === 429 || err.status >= 500
  return err instanceof PixazoNetworkError || err instanceof PixazoProtocolError
}

export type JobRunner = ReturnType<typeof createJobRunner>
