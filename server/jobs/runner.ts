// Runs jobs against the gateway. Jobs wait locally until a slot upstream is free, are submitted once,
// polled by one server-side timer each, downloaded when ready, and picked up again after a restart.
// What each step does is in steps/ (submit, poll, complete); this file plans them: one timer and at
// most one step under way per job, dispatch into free slots, and leases. Retries, limits and the
// no-double-spend rules: docs/decisions/006-runner-under-faults.md. Across instances every job under
// way is leased to one of them (leases.ts, docs/decisions/025).
import { AsyncResource } from 'node:async_hooks'
import { randomBytes } from 'node:crypto'
import type { JobError } from '../../shared/api'
import type { ModelId } from '../../shared/catalogue'
import { POLLABLE_STATUSES, type JobStatus } from '../../shared/job-states'
import type { JobRow, JobStore } from '../db/stores'
import type { Logger } from '../log'
import type { PixazoClient } from '../pixazo/client'
import { realClock, type Clock, type TimerHandle } from '../clock'
import type { DownloadOptions } from './download'
import { AFTER_EVERY_LEASE, createLeaseKeeper, DEFAULT_LEASE_MS } from './leases'
import { DEFAULT_RETRY, type RetryPolicy } from './policy'
import { durationKey, type PollScheduler } from './poll-scheduler'
import { CLEAR_ERROR, CLEAR_RETRY, UNCERTAIN, type PollCadence, type StepContext, type StepName } from './steps/context'
import { downloadAgain, pollOnce } from './steps/poll'
import { submit } from './steps/submit'

export type { PollCadence } from './steps/context'

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

const STEPS: Record<StepName, (ctx: StepContext, id: string) => Promise<void>> = {
  submit,
  poll: pollOnce,
  'download-again': downloadAgain,
}

export function createJobRunner(options: RunnerOptions) {
  const { repo, log } = options
  const poll = options.poll ?? DEFAULT_POLL
  const maxInFlight = options.maxInFlight ?? 8
  const deadlineMs = options.deadlineMs ?? 10 * 60_000
  const clock = options.clock ?? realClock
  const pokeGapMs = options.pokeGapMs ?? 1000
  /** The next step planned for each job, and when it is due. */
  const timers = new Map<string, { handle: TimerHandle; at: number; step: StepName }>()
  const delays = new Map<string, number>()
  /** The in-flight guard: a job has at most one step (submit, poll or download) under way. */
  const busy = new Set<string>()
  /** A step asked for while another was under way: one follow-up per job, however often asked. */
  const followUps = new Map<string, StepName>()
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
    held: () => [...new Set([...busy, ...followUps.keys(), ...[...timers].filter(([, t]) => t.step !== 'download-again').map(([id]) => id)])],
    lost(ids) {
      // Another instance took over (this one stalled past its lease) or the job moved on: stop planning for it.
      for (const id of ids) {
        if (timers.get(id)?.step === 'download-again') continue
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

  /** What the steps are given: the parts they talk to and the runner's hands. */
  const ctx: StepContext = {
    repo,
    pixazo: options.pixazo,
    log,
    clock,
    random: options.random ?? Math.random,
    retry: options.retry ?? DEFAULT_RETRY,
    poll,
    deadlineMs,
    download: options.download,
    webhookBase: options.webhookBase,
    pollScheduler: options.pollScheduler,
    downloads,
    lastRead,
    stopped: () => stopped,
    schedule: (id, ms, step) => schedule(id, ms, step),
    nextPollDelay,
    end,
    forget,
    dispatch,
    leaseFields() {
      const { owner, until } = leases.lease()
      return { leaseOwner: owner, leaseUntil: until }
    },
  }

  function track(work: Promise<void>, into = steps) {
    const p = work.catch((err) => log.error('job step crashed', { error: String(err) }))
    into.add(p)
    void p.finally(() => into.delete(p))
  }

  /** Runs a step unless one is under way for the job; then it follows once that one is done. */
  function run(id: string, step: StepName) {
    if (busy.has(id)) {
      followUps.set(id, step)
      return
    }
    busy.add(id)
    track(
      STEPS[step](ctx, id).finally(() => {
        busy.delete(id)
        const next = followUps.get(id)
        followUps.delete(id)
        if (next === 'poll') lookSoon(id)
        else if (next) run(id, next)
      }),
    )
  }

  /**
   * Plans a job's next step. With `soonest`, an earlier plan is kept rather than pushed back, and a
   * different step already planned (a parked download's retry) is never replaced.
   */
  function schedule(id: string, ms: number, step: StepName = 'poll', { soonest = false } = {}) {
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
    schedule(id, Math.max(0, due - clock.now()), 'poll', { soonest: true })
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
    for (const job of await repo.claimDue(now, maxInFlight, leases.lease())) run(job.id, 'submit')
    const next = await repo.nextWaitingRetryAt(now)
    if (stopped) return
    clock.clearTimeout(dispatchTimer)
    if (next !== null) dispatchTimer = clock.setTimeout(() => void dispatch(), Math.max(next - now, 0))
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
      if (busy.has(id)) followUps.set(id, 'poll')
      else lookSoon(id)
      return true
    },

    /** Asks the gateway again about a timed-out job, or downloads a finished one again. */
    async recheck(id: string) {
      const job = await repo.getJob(id)
      if (!job?.requestId) return false
      const moved =
        job.status === 'download_failed'
          ? await repo.transition(id, 'download_failed', 'downloading', { finishedAt: null, ...CLEAR_ERROR, ...CLEAR_RETRY, ...ctx.leaseFields() })
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
                ...ctx.leaseFields(),
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
      for (const job of await repo.retriesDue('download_failed')) schedule(job.id, Math.max(0, job.nextAttemptAt! - clock.now()), 'download-again')
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
