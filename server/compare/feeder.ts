// Creates the jobs of a comparison's cells a few at a time, on the server: the browser sends one
// request for the whole grid. A comparison never has more than `window` jobs unfinished, so a
// cancel still finds most cells unsent, and the runner's own limits apply to every job created.
import type { CompareStore, Data } from '../db/stores'
import type { JobService } from '../jobs/service'
import type { Logger } from '../log'

export type FeederOptions = {
  repo: CompareStore
  transaction: Data['transaction']
  jobs: JobService
  log: Logger
  window: number
  tickMs?: number
  /** Whether to feed now (this instance leads); a kick elsewhere is left to the leader. */
  active?: () => boolean
}

export function createFeeder({ repo, transaction, jobs, log, window, tickMs = 200, active = () => true }: FeederOptions) {
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  /** One pump at a time; a kick meanwhile makes it go round once more. */
  let pumping: Promise<void> | undefined
  let again = false

  async function feed(comparisonId: string) {
    const room = window - (await repo.activeJobCount(comparisonId))
    if (room <= 0) return
    const actor = (await repo.get(comparisonId))?.createdBy ?? undefined
    for (const cell of await repo.nextPending(comparisonId, room)) {
      if (stopped) return
      try {
        // The cell is taken (a compare-and-set, so it gets one job however many feeders run), its job
        // written and linked in one transaction: a crash between them cannot leave a job the cell does
        // not know about. The cell's reserved spend passes to its job: released first, so the job's
        // budget check counts it once.
        await transaction(async () => {
          if (!(await repo.takePending(comparisonId, cell.index))) return
          const job = await jobs.create(cell.model as Parameters<JobService['create']>[0], JSON.parse(cell.params), {
            comparisonId,
            retryOf: cell.previousJobId ?? undefined,
            actor,
            inTransaction: true,
          })
          await repo.attachJob(comparisonId, cell.index, job.id)
        })
      } catch (err) {
        log.error('comparison cell could not be created', { comparison: comparisonId, cell: cell.index, error: String(err) })
        await repo.dropPending(comparisonId, cell.index)
      }
    }
  }

  async function pumpOnce() {
    const pending = await repo.pendingComparisonIds()
    for (const id of pending) await feed(id)
    clearTimeout(timer)
    if (pending.length && !stopped) timer = setTimeout(() => void pump(), tickMs)
  }

  function pump(): Promise<void> {
    clearTimeout(timer)
    timer = undefined
    if (stopped || !active()) return Promise.resolve()
    if (pumping) {
      again = true
      return pumping
    }
    pumping = (async () => {
      try {
        do {
          again = false
          await pumpOnce()
        } while (again && !stopped)
      } catch (err) {
        log.error('comparison feeder failed', { error: String(err) })
      } finally {
        pumping = undefined
      }
    })()
    return pumping
  }

  return {
    /** Creates what fits now (resolving then) and keeps going until no cell is waiting for a job. */
    kick: pump,
    /** Stops; resolves when the feeder no longer touches the database. */
    async stop() {
      stopped = true
      clearTimeout(timer)
      await pumping
    },
  }
}
