// Runs jobs against the gateway. Jobs wait locally until a slot upstream is free, are submitted once,
// polled by one server-side timer each, downloaded when ready, and picked up again after a restart.
// Retries, limits and the no-double-spend rules: docs/decisions/006-runner-under-faults.md.
import { randomBytes } from 'node:crypto'
import type { JobError } from '../../shared/api'
import type { ModelId } from '../../shared/catalogue'
import type { Repo } from '../db/repo'
import type { JobRow } from '../db/schema'
import type { Logger } from '../log'
import type { PixazoClient } from '../pixazo/client'
import { describeModelFailure, describeUpstreamError } from '../pixazo/errors'
import type { UpstreamStatus } from '../pixazo/normalise'
import { downloadResults, type DownloadOptions } from './download'
import { durationKey, type PollScheduler } from './poll-scheduler'
import { backoffMs, classifySubmitError, DEFAULT_RETRY, isRetryableDownloadError, isRetryablePollError, retryReason, type RetryPolicy } from './policy'

export type PollCadence = { firstMs: number; minMs: number; maxMs: number }

export type RunnerOptions = {
  repo: Repo
  pixazo: PixazoClient
  log: Logger
  download: DownloadOptions
  poll?: PollCadence
  retry?: RetryPolicy
  /** Jobs submitted upstream and not finished, at most; the rest wait in the local queue. */
  maxInFlight?: number
  deadlineMs?: number
  /** With a public URL, submits carry a per-job webhook and polling slows to a fallback. */
  webhookBase?: string
  random?: () => number
  /** Without webhooks: status checks placed where completion is likely, within one shared budget. */
  pollScheduler?: PollScheduler
}

/** The vendor advises polling every 2–10 s; the first look is sooner because Turbo models are fast. */
export const DEFAULT_POLL: PollCadence = { firstMs: 1000, minMs: 1000, maxMs: 5000 }
/** With webhooks on, polls are only the fallback. */
export const WEBHOOK_FALLBACK_POLL: PollCadence = { firstMs: 10_000, minMs: 10_000, maxMs: 30_000 }
const IN_FLIGHT = ['submitting', 'queued', 'processing']
const POLLABLE = ['queued', 'processing', 'downloading']
const CLEAR_RETRY = { attempts: 0, nextAttemptAt: null, retryReason: null }

export const UNCERTAIN_ACTION = 'Check your Pixazo dashboard, then submit again only if it is not there, so you are not charged twice.'
const UNCERTAIN: JobError = {
  code: 'uncertain',
  message: 'Darkroom stopped while this job was being submitted; it may or may not have reached Pixazo.',
  action: UNCERTAIN_ACTION,
}

export const webhookPath = (jobId: string, token: string) => `/api/webhooks/pixazo/${jobId}/${token}`

export function createJobRunner(options: RunnerOptions) {
  const { repo, pixazo, log } = options
  const poll = options.poll ?? DEFAULT_POLL
  const retry = options.retry ?? DEFAULT_RETRY
  const maxInFlight = options.maxInFlight ?? 8
  const deadlineMs = options.deadlineMs ?? 10 * 60_000
  const random = options.random ?? Math.random
  const timers = new Map<string, NodeJS.Timeout>()
  const delays = new Map<string, number>()
  const steps = new Set<Promise<void>>()
  let dispatchTimer: NodeJS.Timeout | undefined
  let stopped = false

  function track(work: Promise<void>) {
    const p = work.catch((err) => log.error('job step crashed', { error: String(err) }))
    steps.add(p)
    void p.finally(() => steps.delete(p))
  }

  function schedulePoll(id: string, ms: number) {
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
    options.pollScheduler?.forget(id)
  }

  // --- Poll scheduling (server/jobs/poll-scheduler.ts): the only place the runner asks it. ---
  /** The wait before the next status check of a job still queued or processing upstream. */
  function pollDelay(job: JobRow, first: boolean): number {
    const scheduler = options.pollScheduler
    if (!scheduler) return first ? poll.firstMs : nextDelay(job.id)
    const submittedAt = job.submittedAt ?? Date.now()
    return scheduler.nextDelay(job.id, { model: job.model as ModelId, key: durationKey(job.model, JSON.parse(job.params)), submittedAt })
  }
  // --- end of poll scheduling ---

  /** Ends a job and frees its slot. */
  function end(id: string, status: 'failed' | 'uncertain' | 'timed_out', error: JobError) {
    forget(id)
    log.warn(`job ${status}`, { job: id, code: error.code, message: error.message })
    repo.updateJob(id, { status, finishedAt: Date.now(), errorCode: error.code, errorMessage: error.message, errorAction: error.action, ...CLEAR_RETRY })
    dispatch()
  }

  /** Sends waiting jobs upstream while slots are free, oldest first. */
  function dispatch() {
    if (stopped) return
    clearTimeout(dispatchTimer)
    let free = maxInFlight - repo.countWithStatus(IN_FLIGHT)
    if (free > 0) {
      for (const job of repo.dueWaiting(Date.now(), free)) {
        if (repo.transition(job.id, 'waiting', { status: 'submitting' })) {
          free--
          track(submit(job.id))
        }
      }
    }
    const next = repo.nextWaitingRetryAt(Date.now())
    if (next !== null) dispatchTimer = setTimeout(dispatch, Math.max(next - Date.now(), 0))
  }

  async function submit(id: string) {
    const job = repo.getJob(id)
    if (!job || job.status !== 'submitting') return
    let webhookUrl: string | undefined
    if (options.webhookBase) {
      const token = job.webhookToken ?? randomBytes(24).toString('base64url')
      if (!job.webhookToken) repo.updateJob(id, { webhookToken: token })
      webhookUrl = options.webhookBase + webhookPath(id, token)
    }
    try {
      const { requestId } = await pixazo.submit(job.model as ModelId, JSON.parse(job.params), { webhookUrl })
      // Recorded even while stopping: stop() waits for this step, and a lost id is a lost job.
      const now = Date.now()
      repo.updateJob(id, { requestId, status: 'queued', upstreamStatus: 'QUEUED', submittedAt: now, deadlineAt: now + deadlineMs, ...CLEAR_RETRY })
      log.info('job submitted', { job: id, requestId })
      schedulePoll(id, pollDelay({ ...job, submittedAt: now }, true))
    } catch (err) {
      const verdict = classifySubmitError(err)
      const attempt = job.attempts + 1
      if (verdict === 'retry' && attempt < retry.submitAttempts) {
        // Back to the local queue: the gateway certainly did not take it, so a crash now is harmless.
        const wait = backoffMs(retry, attempt, err, random)
        repo.updateJob(id, { status: 'waiting', attempts: attempt, nextAttemptAt: Date.now() + wait, retryReason: retryReason(err) })
        log.warn('submit failed, will retry', { job: id, attempt, waitMs: wait, error: (err as Error).message })
        dispatch()
      } else if (verdict === 'uncertain') {
        end(id, 'uncertain', { ...describeUpstreamError(err), action: UNCERTAIN_ACTION })
      } else {
        end(id, 'failed', describeUpstreamError(err))
      }
    }
  }

  async function pollOnce(id: string) {
    timers.delete(id)
    const job = repo.getJob(id)
    if (stopped || !job?.requestId || !POLLABLE.includes(job.status)) return
    if (job.status !== 'downloading' && job.deadlineAt !== null && Date.now() > job.deadlineAt) return timeOut(job, null)
    let status: UpstreamStatus
    try {
      status = await pixazo.status(job.model as ModelId, job.requestId)
    } catch (err) {
      if (!isRetryablePollError(err)) return end(id, 'failed', describeUpstreamError(err))
      const attempt = job.attempts + 1
      if (attempt >= retry.pollFailures) return timeOut(job, retryReason(err))
      const wait = Math.max(backoffMs(retry, attempt, err, random), poll.minMs)
      repo.updateJob(id, { attempts: attempt, nextAttemptAt: Date.now() + wait, retryReason: retryReason(err) })
      return schedulePoll(id, wait)
    }
    switch (status.state) {
      case 'completed':
        options.pollScheduler?.finished(id)
        return complete(job, status)
      case 'failed':
      case 'error':
        return end(id, 'failed', describeModelFailure(status.state === 'failed' ? 'FAILED' : 'ERROR', status.error))
      default: {
        // Unknown status words keep the job where it was and keep polling.
        const next = status.state === 'processing' || job.status === 'processing' ? 'processing' : 'queued'
        repo.updateJob(id, { status: next, upstreamStatus: status.raw, queuePosition: status.queuePosition, ...CLEAR_RETRY })
        schedulePoll(id, pollDelay(job, false))
      }
    }
  }

  async function complete(job: JobRow, status: UpstreamStatus) {
    const done = job.status === 'downloading' ? job.attempts : 0
    repo.updateJob(job.id, { status: 'downloading', upstreamStatus: status.raw, queuePosition: null, attempts: done })
    if (job.status !== 'downloading') dispatch() // no longer occupies a slot upstream
    try {
      const rows = await downloadResults(job, status, options.download)
      forget(job.id)
      repo.completeJob(job.id, rows, { status: 'completed', finishedAt: Date.now(), ...CLEAR_RETRY, errorCode: null, errorMessage: null, errorAction: null })
      log.info('job completed', { job: job.id, images: rows.length })
    } catch (err) {
      const attempt = done + 1
      if (isRetryableDownloadError(err) && attempt < retry.downloadAttempts) {
        // Read the status again before the next try: the gateway may hand out fresh URLs.
        const wait = backoffMs(retry, attempt, err, random)
        repo.updateJob(job.id, { attempts: attempt, nextAttemptAt: Date.now() + wait, retryReason: `Download failed: ${(err as Error).message}` })
        return schedulePoll(job.id, wait)
      }
      end(job.id, 'failed', {
        code: 'download',
        message: (err as Error).message,
        action: 'Pixazo made the image but Darkroom could not store it. Retry downloads it again (nothing is regenerated).',
      })
    }
  }

  function timeOut(job: JobRow, lastError: string | null) {
    const minutes = Math.round(deadlineMs / 60_000)
    const last = job.upstreamStatus ? `Pixazo last said ${job.upstreamStatus}` : 'Pixazo has not answered yet'
    end(job.id, 'timed_out', {
      code: 'timeout',
      message: lastError ? `Gave up polling after repeated errors (${lastError}). ${last}.` : `No result after ${minutes} min. ${last}.`,
      action: 'Re-check asks Pixazo again; nothing is resubmitted or charged.',
    })
  }

  return {
    /** Hands the runner a job just written as `waiting`. */
    enqueue: () => dispatch(),

    /** A webhook said something happened: read the status from the gateway now. */
    poke(id: string) {
      const job = repo.getJob(id)
      if (!job || !POLLABLE.includes(job.status)) return false
      delays.delete(id)
      schedulePoll(id, 0)
      return true
    },

    /** Asks the gateway again about a timed-out job, or downloads a finished one again. */
    recheck(id: string) {
      const job = repo.getJob(id)
      const downloadFailed = job?.status === 'failed' && job.errorCode === 'download'
      if (!job?.requestId || !(job.status === 'timed_out' || downloadFailed)) return false
      const status = downloadFailed ? 'downloading' : job.upstreamStatus === 'PROCESSING' || job.upstreamStatus === 'IN_PROGRESS' ? 'processing' : 'queued'
      repo.updateJob(id, { status, deadlineAt: Date.now() + deadlineMs, finishedAt: null, errorCode: null, errorMessage: null, errorAction: null, ...CLEAR_RETRY })
      schedulePoll(id, 0)
      return true
    },

    /** Picks up every unfinished job after a restart. Nothing is ever resubmitted. */
    resume() {
      const unfinished = repo.jobsWithStatus(['submitting', ...POLLABLE])
      for (const [i, job] of unfinished.entries()) {
        if (job.status === 'submitting' || !job.requestId) end(job.id, 'uncertain', UNCERTAIN)
        else schedulePoll(job.id, Math.min(i * 100, 5000))
      }
      dispatch()
      return unfinished.length
    },

    activeCount: () => timers.size + steps.size,

    /** Stops timers and waits for steps already under way. */
    async stop() {
      stopped = true
      clearTimeout(dispatchTimer)
      for (const t of timers.values()) clearTimeout(t)
      timers.clear()
      await Promise.allSettled([...steps])
    },
  }
}

export type JobRunner = ReturnType<typeof createJobRunner>
