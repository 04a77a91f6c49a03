// Job leases across instances (docs/decisions/025): every job being submitted, polled or downloaded is
// held by one instance until its lease runs out. A heartbeat renews this instance's leases in one write
// and reports the ones it lost; a sweep takes over leases that ran out (an instance died or stalled).
// What to do with a job taken over is the runner's business (a submit becomes uncertain, the rest are
// polled again); this module only keeps time and asks the store.
import type { JobRow, JobStore, Lease } from '../db/stores'
import type { Logger } from '../log'
import type { Clock, TimerHandle } from '../clock'

export const DEFAULT_LEASE_MS = 30_000

/** A moment after every lease: how a boot that alone may use the data (SQLite's DATA_DIR lock) takes them all. */
export const AFTER_EVERY_LEASE = Number.MAX_SAFE_INTEGER

type LeaseKeeperOptions = {
  repo: JobStore
  /** This instance: random per process, logged at boot. */
  owner: string
  leaseMs: number
  clock: Clock
  log: Logger
  /** Jobs this instance works on now: the heartbeat renews exactly these. */
  held: () => string[]
  /** Jobs it held but whose lease is gone (taken over after it ran out, or the job moved on). */
  lost: (ids: string[]) => void
  /** Jobs a sweep took over. */
  taken: (jobs: JobRow[]) => void | Promise<void>
  /** Runs a heartbeat in the runner's own async context (never a caller's transaction), tracked as its work. */
  spawn: (work: () => Promise<void>) => Promise<void>
}

export function createLeaseKeeper(options: LeaseKeeperOptions) {
  const { repo, owner, leaseMs, clock, log } = options
  let timer: TimerHandle
  let stopped = true
  let beating: Promise<void> | undefined

  const lease = (): Lease => ({ owner, until: clock.now() + leaseMs })

  /** Takes every lease that ran out before `now` (all of them with AFTER_EVERY_LEASE) and hands the jobs over. */
  async function sweep(now = clock.now()) {
    const taken = await repo.takeExpiredLeases(lease(), now)
    if (taken.length > 0) log.info('took over expired job leases', { owner, jobs: taken.length })
    await options.taken(taken)
    return taken
  }

  async function beat() {
    const held = options.held()
    const renewed = new Set(await repo.renewLeases(owner, held, clock.now() + leaseMs))
    const lost = held.filter((id) => !renewed.has(id))
    if (lost.length > 0) options.lost(lost)
    await sweep()
  }

  function plan() {
    if (stopped) return
    // A third of the lease: two beats may be late (a busy machine, a slow database) before it runs out.
    timer = clock.setTimeout(
      () => {
        beating = options
          .spawn(beat)
          .catch((err) => log.error('lease heartbeat failed', { error: String(err) }))
          .finally(() => {
            beating = undefined
            plan()
          })
      },
      Math.max(1, Math.round(leaseMs / 3)),
    )
  }

  return {
    owner,
    /** A fresh lease for this instance, running `leaseMs` from now. */
    lease,
    sweep,
    /** Starts the heartbeat (renew, then sweep) every third of a lease. */
    start() {
      stopped = false
      clock.clearTimeout(timer)
      plan()
    },
    async stop() {
      stopped = true
      clock.clearTimeout(timer)
      await beating
    },
  }
}
