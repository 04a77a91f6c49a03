// Runs jobs against the gateway. Jobs wait locally until a slot upstream is free, are submitted once,
// polled by one server-side timer each, downloaded when ready, and picked up again after a restart.
// Retries, limits and the no-double-spend rules: docs/decisions/006-runner-under-faults.md. Across
// instances every job under way is leased to one of them (leases.ts, docs/decisions/025).
import { AsyncResource } from 'node:async_hooks'
import { randomBytes } from 'node:crypto'
import type { JobError } from '../../shared/api'
import type { ModelId } from '../../shared/catalogue'
import { POLLABLE_STATUSES, type JobStatus } from '../../shared/job-states'
import type { JobRow, JobStore } from '../db/stores'
import type { Logger } from '../log'
import type { PixazoClient } from '../pixazo/client'
import { describeModelFailure, describeUpstreamError } from '../pixazo/errors'
import type { UpstreamStatus } from '../pixazo/normalise'
import { realClock, type Clock, type TimerHandle } from './clock'
import { capMedia, downloadResults, type DownloadOptions } from './download'
import { AFTER_EVERY_LEASE, createLeaseKeeper, DEFAULT_LEASE_MS } from './leases'
import { durationKey, type PollScheduler } from './poll-scheduler'
import {
  backoffMs,
  classifySubmitError,
  DEFAULT_RETRY,
  isDiskFullError,
  isRetryableDownloadError,
  isRetryablePollError,
  retryReason,
  type RetryPolicy,
} from './policy'

export type PollCadence = { firstMs: number; minMs: number; maxMs: number }

export type RunnerOptions = {
  repo: JobStore
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
  /** Time and timers; real ones unless a test moves time on itself. */
  clock?: Clock
  /** However many webhooks arrive for one job, its status is read at most once per this long. */
  pokeGapMs?: number
  /** Without webhooks: status checks placed where completion is likely, within one shared budget. */
  pollScheduler?: PollScheduler
  /** This process among the instances sharing the database: random unless given. */
  instanceId?: string
  /** How long a job stays leased to this instance without a heartbeat renewing it. */
  leaseMs?: number
  /** Only this process uses the data (SQLite, locked DATA_DIR): resume() takes every lease, expired or not. */
  ownsEveryLeaseAtBoot?: boolean
}

/** The vendor advises polling every 2–10 s; the first look is sooner because Turbo models are fast. */
export const DEFAULT_POLL: PollCadence = { firstMs: 1000, minMs: 1000, maxMs: 5000 }
/** With webhooks on, polls are only the fallback. */
export const WEBHOOK_FALLBACK_POLL: PollCadence = { firstMs: 10_000, minMs: 10_000, maxMs: 30_000 }
const CLEAR_RETRY = { attempts: 0, nextAttemptAt: null, retryReason: null }

export const UNCERTAIN_ACTION = 'Check your Pixazo dashboard, then submit again only if it is not there, so you are not charged twice.'
const UNCERTAIN: JobError = {
  code: 'uncertain',
  message: 'Darkroom stopped while this job was being submitted; it may or may not have reached Pixazo.',
  action: UNCERTAIN_ACTION,
}

const CLEAR_ERROR = { errorCode: null, errorMessage: null, errorAction: null }

export const webhookPath = (jobId: string, token: string) => `/api/webhooks/pixazo/${jobId}/${token}`

type Step = (id: string) => Promise<void>

export function createJobRunner(options: RunnerOptions) {
  const { repo, pixazo, log } = options
  const poll = options.poll ?? DEFAULT_POLL
  const retry = options.retry ?? DEFAULT_RETRY
  const maxInFlight = options.maxInFlight ?? 8
  const deadlineMs = options.deadlineMs ?? 10 * 60_000
  const random = options.random ?? Math.random
  const clock = options.clock ?? realClock
  const pokeGapMs = options.pokeGapMs ?? 1000
  /** The next step planned for each job, and when it is due. */
  const timers = new Map<string, { handle: TimerHandle; at: number; step: Step }>()
  const delays = new Map<string, number>()
  /** The in-flight guard: a job has at most one step (submit, poll or download) under way. */
  const busy = new Set<string>()
  /** A step asked for while another was under way: one follow-up per job, however often asked. */
  const followUps = new Map<string, Step>()
  const lastRead = new Map<string, number>()
  /** Jobs whose lease another instance took over (this one stalled): nothing more is planned for them here. */
  const released = new Set<string>()
  /**
   * Jobs whose download this runner is doing: it moved them to downloading, or was handed them (boot,
   * re-check, the storage audit). A job another instance moved to downloading is that instance's to
   * fetch, so a poll or callback here leaves it alone: no image is downloaded twice (decision 026).
   */
  const downloads = new Set<string>()
  const steps = new Set<Promise<void>>()
  /** Dispatches under way: not steps of a job, but stop() waits for them too. */
  const chores = new Set<Promise<void>>()
  let dispatchTimer: TimerHandle
  let dispatching: Promise<void> | undefined
  let dispatchAgain = false
  let stopped = false
  // The runner's own work never runs inside a caller's transaction (a job created in one is sent
  // only once it is committed): timers and dispatches run in the context the runner was made in.
  const home = new AsyncResource('darkroom-runner')
  const leases = createLeaseKeeper({
    repo,
    owner: options.instanceId ?? randomBytes(6).toString('hex'),
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    clock,
    log,
    spawn(work) {
      const beat = home.runInAsyncScope(work)
      track(beat, chores)
      return beat
    },
    // A parked download (disk full) holds no lease: its retry takes one when it starts.
    held: () => [...new Set([...busy, ...followUps.keys(), ...[...timers].filter(([, t]) => t.step !== downloadAgain).map(([id]) => id)])],
    lost(ids) {
      // Another instance took over (this one stalled past its lease) or the job moved on: stop planning for it.
      for (const id of ids) {
        if (timers.get(id)?.step === downloadAgain) continue
        released.add(id)
        forget(id)
      }
      log.warn('job leases lost', { jobs: ids.length })
    },
    async taken(jobs) {
      for (const [i, job] of jobs.entries()) {
        released.delete(job.id)
        if (busy.has(job.id) || timers.has(job.id)) continue // this instance's own, renewed late
        // Its instance stopped mid-submit: it may or may not have reached Pixazo. Never sent again.
        if (job.status === 'submitting') await end(job.id, 'submitting', 'uncertain', UNCERTAIN)
        else {
          // Handed over: its download is this runner's now (its instance stopped mid-way).
          if (job.status === 'downloading') downloads.add(job.id)
          schedule(job.id, Math.min(i * 100, 5000))
        }
      }
    },
  })
  /** Written with a move into a leased status from one that holds none. */
  const leaseFields = () => {
    const { owner, until } = leases.lease()
    return { leaseOwner: owner, leaseUntil: until }
  }

  function track(work: Promise<void>, into = steps) {
    const p = work.catch((err) => log.error('job step crashed', { error: String(err) }))
    into.add(p)
    void p.finally(() => into.delete(p))
  }

  /** Runs a step unless one is under way for the job; then it follows once that one is done. */
  function run(id: string, step: Step) {
    if (busy.has(id)) {
      followUps.set(id, step)
      return
    }
    busy.add(id)
    track(
      step(id).finally(() => {
        busy.delete(id)
        const next = followUps.get(id)
        followUps.delete(id)
        if (next === pollOnce) lookSoon(id)
        else if (next) run(id, next)
      }),
    )
  }

  /**
   * Plans a job's next step. With `soonest`, an earlier plan is kept rather than pushed back, and a
   * different step already planned (a parked download's retry) is never replaced.
   */
  function schedule(id: string, ms: number, step: Step = pollOnce, { soonest = false } = {}) {
    if (stopped || released.has(id)) return
    const at = clock.now() + ms
    const current = timers.get(id)
    if (current && soonest && (current.at <= at || current.step !== step)) return
    clock.clearTimeout(current?.handle)
    const handle = clock.setTimeout(
      () =>
        home.runInAsyncScope(() => {
          timers.delete(id)
          run(id, step)
        }),
      ms,
    )
    timers.set(id, { handle, at, step })
  }

  /**
   * When to read a job's status next: ×1.5 per look up to the cadence's ceiling, and never past the
   * deadline, so a job times out when it is due. The one place to swap for a scheduler.
   */
  function nextPollDelay(job: JobRow, first = false) {
    const untilDeadline = (ms: number) => (job.deadlineAt === null ? ms : Math.max(0, Math.min(ms, job.deadlineAt + 1 - clock.now())))
    // --- Poll scheduling (server/jobs/poll-scheduler.ts, docs/decisions/015): the only place the runner asks it. ---
    const scheduler = options.pollScheduler
    if (scheduler && job.status !== 'downloading') {
      return untilDeadline(
        scheduler.nextDelay(job.id, {
          model: job.model as ModelId,
          key: durationKey(job.model, job.params),
          submittedAt: job.submittedAt ?? clock.now(),
        }),
      )
    }
    if (first) return poll.firstMs
    const current = delays.get(job.id) ?? poll.minMs
    delays.set(job.id, Math.min(Math.round(current * 1.5), poll.maxMs))
    return job.status === 'downloading' ? current : untilDeadline(current)
  }

  /** A status read as soon as the per-job gap allows: how webhooks and follow-ups are merged. */
  function lookSoon(id: string) {
    delays.delete(id)
    const due = (lastRead.get(id) ?? -Infinity) + pokeGapMs
    schedule(id, Math.max(0, due - clock.now()), pollOnce, { soonest: true })
  }

  function forget(id: string) {
    clock.clearTimeout(timers.get(id)?.handle)
    timers.delete(id)
    delays.delete(id)
    lastRead.delete(id)
    followUps.delete(id)
    downloads.delete(id)
    options.pollScheduler?.forget(id)
  }

  /** Ends a job (if it is still where the caller saw it) and frees its slot. */
  async function end(id: string, from: JobStatus, status: 'failed' | 'uncertain' | 'timed_out' | 'download_failed', error: JobError) {
    forget(id)
    const moved = await repo.transition(id, from, status, {
      finishedAt: clock.now(),
      errorCode: error.code,
      errorMessage: error.message,
      errorAction: error.action,
      ...CLEAR_RETRY,
    })
    if (moved) log.warn(`job ${status}`, { job: id, code: error.code, message: error.message })
    void dispatch()
  }

  /**
   * Sends waiting jobs upstream while slots are free, oldest first. One dispatch runs at a time; a call
   * meanwhile makes it go round once more. The claim itself is one atomic step in the store.
   */
  function dispatch(): Promise<void> {
    if (stopped) return Promise.resolve()
    if (dispatching) {
      dispatchAgain = true
      return dispatching
    }
    const round = home.runInAsyncScope(async () => {
      try {
        do {
          dispatchAgain = false
          await dispatchOnce()
        } while (dispatchAgain && !stopped)
      } catch (err) {
        log.error('dispatch failed', { error: String(err) })
      } finally {
        dispatching = undefined
      }
    })
    dispatching = round
    track(round, chores)
    return round
  }

  async function dispatchOnce() {
    clock.clearTimeout(dispatchTimer)
    // One reading of the clock: a retry due between two readings would be neither sent nor timed.
    const now = clock.now()
    for (const job of await repo.claimDue(now, maxInFlight, leases.lease())) run(job.id, submit)
    const next = await repo.nextWaitingRetryAt(now)
    if (stopped) return
    clock.clearTimeout(dispatchTimer)
    if (next !== null) dispatchTimer = clock.setTimeout(() => void dispatch(), Math.max(next - now, 0))
  }

  async function submit(id: string) {
    const job = await repo.getJob(id)
    if (!job || job.status !== 'submitting') return
    let webhookUrl: string | undefined
    if (options.webhookBase) {
      const token = job.webhookToken ?? randomBytes(24).toString('base64url')
      if (!job.webhookToken) await repo.updateJob(id, { webhookToken: token })
      webhookUrl = options.webhookBase + webhookPath(id, token)
    }
    try {
      const { requestId } = await pixazo.submit(job.model as ModelId, job.params, { webhookUrl })
      // Recorded even while stopping: stop() waits for this step, and a lost id is a lost job.
      const now = clock.now()
      await repo.transition(id, 'submitting', 'queued', {
        requestId,
        upstreamStatus: 'QUEUED',
        submittedAt: now,
        deadlineAt: now + deadlineMs,
        ...CLEAR_RETRY,
      })
      log.info('job submitted', { job: id, requestId })
      schedule(id, nextPollDelay({ ...job, status: 'queued', submittedAt: now, deadlineAt: now + deadlineMs }, true))
    } catch (err) {
      const verdict = classifySubmitError(err)
      const attempt = job.attempts + 1
      if (verdict === 'retry' && attempt < retry.submitAttempts) {
        // Back to the local queue: the gateway certainly did not take it, so a crash now is harmless.
        const wait = backoffMs(retry, attempt, err, random)
        await repo.transition(id, 'submitting', 'waiting', { attempts: attempt, nextAttemptAt: clock.now() + wait, retryReason: retryReason(err) })
        log.warn('submit failed, will retry', { job: id, attempt, waitMs: wait, error: (err as Error).message })
        void dispatch()
      } else if (verdict === 'uncertain') {
        await end(id, 'submitting', 'uncertain', { ...describeUpstreamError(err), action: UNCERTAIN_ACTION })
      } else {
        await end(id, 'submitting', 'failed', describeUpstreamError(err))
      }
    }
  }

  async function pollOnce(id: string) {
    const job = await repo.getJob(id)
    if (stopped || !job?.requestId || !POLLABLE_STATUSES.includes(job.status)) return
    if (job.status === 'downloading' && !downloads.has(id)) return forget(id)
    if (job.status !== 'downloading' && job.deadlineAt !== null && clock.now() > job.deadlineAt) return timeOut(job, null)
    let status: UpstreamStatus
    lastRead.set(id, clock.now())
    try {
      status = await pixazo.status(job.model as ModelId, job.requestId)
    } catch (err) {
      if (!isRetryablePollError(err))
        return end(id, job.status, job.status === 'downloading' ? 'download_failed' : 'failed', describeUpstreamError(err))
      const attempt = job.attempts + 1
      if (attempt >= retry.pollFailures) {
        if (job.status !== 'downloading') return timeOut(job, retryReason(err))
        return end(id, 'downloading', 'download_failed', {
          ...describeUpstreamError(err),
          action: 'Pixazo made the image but did not say where to fetch it. Retry asks again (nothing is regenerated).',
        })
      }
      const wait = Math.max(backoffMs(retry, attempt, err, random), poll.minMs)
      await repo.updateJob(id, { attempts: attempt, nextAttemptAt: clock.now() + wait, retryReason: retryReason(err) })
      return schedule(id, wait)
    }
    switch (status.state) {
      case 'completed':
        options.pollScheduler?.finished(id)
        return complete(job, status)
      case 'failed':
      case 'error':
        return end(
          id,
          job.status,
          job.status === 'downloading' ? 'download_failed' : 'failed',
          describeModelFailure(status.state === 'failed' ? 'FAILED' : 'ERROR', status.error),
        )
      default: {
        if (job.status === 'downloading') return schedule(id, nextPollDelay(job))
        // Unknown status words keep the job where it was and keep polling.
        const next = status.state === 'processing' || job.status === 'processing' ? 'processing' : 'queued'
        await repo.transition(id, job.status, next, { upstreamStatus: status.raw, queuePosition: status.queuePosition, ...CLEAR_RETRY })
        schedule(id, nextPollDelay(job))
      }
    }
  }

  async function complete(job: JobRow, status: UpstreamStatus) {
    const done = job.status === 'downloading' ? job.attempts : 0
    const patch = { upstreamStatus: status.raw, queuePosition: null, attempts: done, ...leaseFields() }
    if (!(await repo.transition(job.id, job.status, 'downloading', patch))) return
    downloads.add(job.id)
    if (job.status !== 'downloading') void dispatch() // no longer occupies a slot upstream
    const { kept, extra } = capMedia(status.media, job.params.num_images)
    if (extra.length > 0) {
      log.warn('Pixazo sent more images than were paid for; only those are stored', {
        job: job.id,
        paid: kept.length,
        extra: extra.length,
        urls: extra.map((m) => m.url.slice(0, 200)),
      })
    }
    try {
      const rows = await downloadResults(job, { ...status, media: kept }, options.download, clock.now())
      forget(job.id)
      if (await repo.completeJob(job.id, rows, { finishedAt: clock.now(), ...CLEAR_RETRY, ...CLEAR_ERROR }))
        log.info('job completed', { job: job.id, images: rows.length })
    } catch (err) {
      const attempt = done + 1
      if (isDiskFullError(err)) return waitForSpace(job.id, attempt, err as Error)
      if (isRetryableDownloadError(err) && attempt < retry.downloadAttempts) {
        // Read the status again before the next try: the gateway may hand out fresh URLs.
        const wait = backoffMs(retry, attempt, err, random)
        await repo.updateJob(job.id, {
          attempts: attempt,
          nextAttemptAt: clock.now() + wait,
          retryReason: `Download failed: ${(err as Error).message}`,
        })
        return schedule(job.id, wait)
      }
      await end(job.id, 'downloading', 'download_failed', {
        code: 'download',
        message: (err as Error).message,
        action: 'Pixazo made the image but Darkroom could not store it. Retry downloads it again (nothing is regenerated).',
      })
    }
  }

  /** A full disk parks the job in download_failed and tries again with backoff until space returns. */
  async function waitForSpace(id: string, attempt: number, err: Error) {
    forget(id)
    const wait = Math.max(backoffMs(retry, attempt, err, random), poll.minMs)
    await repo.transition(id, 'downloading', 'download_failed', {
      finishedAt: clock.now(),
      errorCode: 'disk_full',
      errorMessage: `The disk is full: the image could not be saved (${err.message})`,
      errorAction: 'Free some space where Darkroom keeps its data; it tries again on its own. Retry tries now.',
      attempts: attempt,
      nextAttemptAt: clock.now() + wait,
      retryReason: 'The disk is full; waiting for space',
    })
    log.error('disk full, download will be retried', { job: id, attempt, waitMs: wait })
    schedule(id, wait, downloadAgain)
  }

  /** Takes a parked download up again: the status is read first, for fresh URLs. */
  async function downloadAgain(id: string) {
    if (stopped || !(await repo.transition(id, 'download_failed', 'downloading', { finishedAt: null, nextAttemptAt: null, ...leaseFields() }))) return
    downloads.add(id)
    await pollOnce(id)
  }

  function timeOut(job: JobRow, lastError: string | null) {
    const minutes = Math.round(deadlineMs / 60_000)
    const last = job.upstreamStatus ? `Pixazo last said ${job.upstreamStatus}` : 'Pixazo has not answered yet'
    return end(job.id, job.status, 'timed_out', {
      code: 'timeout',
      message: lastError ? `Gave up polling after repeated errors (${lastError}). ${last}.` : `No result after ${minutes} min. ${last}.`,
      action: 'Re-check asks Pixazo again; nothing is resubmitted or charged.',
    })
  }

  return {
    /**
     * Hands the runner a job just written as `waiting`; resolves once it has been sent if a slot was
     * free. Do not await it inside a transaction: the runner waits for the commit.
     */
    enqueue: () => dispatch(),

    /**
     * A webhook said something happened: read the status from the gateway soon. Calls for one job are
     * merged into the read under way plus at most one more, at most one read per `pokeGapMs`.
     */
    async poke(id: string, opts: { download?: boolean } = {}) {
      const job = await repo.getJob(id)
      if (!job || !POLLABLE_STATUSES.includes(job.status)) return false
      // Only a download handed to this runner (the storage audit's) is taken up; a callback is not one.
      if (opts.download && job.status === 'downloading') downloads.add(id)
      // A callback may reach an instance that does not hold the job: it reads the status here all the
      // same (decision 026); finishing it takes the lease (complete), else the holder keeps it.
      released.delete(id)
      if (busy.has(id)) followUps.set(id, pollOnce)
      else lookSoon(id)
      return true
    },

    /** Asks the gateway again about a timed-out job, or downloads a finished one again. */
    async recheck(id: string) {
      const job = await repo.getJob(id)
      if (!job?.requestId) return false
      const moved =
        job.status === 'download_failed'
          ? await repo.transition(id, 'download_failed', 'downloading', { finishedAt: null, ...CLEAR_ERROR, ...CLEAR_RETRY, ...leaseFields() })
          : job.status === 'timed_out' &&
            (await repo.transition(
              id,
              'timed_out',
              job.upstreamStatus === 'PROCESSING' || job.upstreamStatus === 'IN_PROGRESS' ? 'processing' : 'queued',
              {
                deadlineAt: clock.now() + deadlineMs,
                finishedAt: null,
                ...CLEAR_ERROR,
                ...CLEAR_RETRY,
                ...leaseFields(),
              },
            ))
      if (!moved) return false
      released.delete(id)
      forget(id)
      if (job.status === 'download_failed') downloads.add(id)
      schedule(id, 0)
      return true
    },

    /**
     * Picks up unfinished jobs at boot: those whose lease ran out (every one, when this process alone
     * uses the data), then keeps sweeping. A submit caught midway becomes uncertain; nothing is ever
     * resubmitted, and another live instance's jobs are left alone.
     */
    async resume() {
      const taken = await leases.sweep(options.ownsEveryLeaseAtBoot ? AFTER_EVERY_LEASE : clock.now())
      for (const job of await repo.retriesDue('download_failed')) schedule(job.id, Math.max(0, job.nextAttemptAt! - clock.now()), downloadAgain)
      void dispatch()
      leases.start()
      return taken.length
    },

    activeCount: () => timers.size + steps.size,
    /** Steps (submits, polls, downloads) under way right now, not counting planned ones. */
    stepsUnderWay: () => steps.size + chores.size,

    /** Stops timers and waits for steps already under way. */
    async stop() {
      stopped = true
      clock.clearTimeout(dispatchTimer)
      for (const t of timers.values()) clock.clearTimeout(t.handle)
      timers.clear()
      await leases.stop()
      await Promise.allSettled([...steps, ...chores])
      // A step that finished last may have asked for one more dispatch; let it see `stopped`.
      await Promise.allSettled([...steps, ...chores])
    },
  }
}

export type JobRunner = ReturnType<typeof createJobRunner>
