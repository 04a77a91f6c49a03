// Creates the jobs of a comparison's cells a few at a time, on the server: the browser sends one
// request for the whole grid. A comparison never has more than `window` jobs unfinished, so a
// cancel still finds most cells unsent, and the runner's own limits apply to every job created.
import type { JobService } from '../jobs/service'
import type { Logger } from '../log'
import type { CompareRepo } from './repo'

export type FeederOptions = { repo: CompareRepo; jobs: JobService; log: Logger; window: number; tickMs?: number }

export function createFeeder({ repo, jobs, log, window, tickMs = 200 }: FeederOptions) {
  let timer: NodeJS.Timeout | undefined
  let stopped = false

  function feed(comparisonId: string) {
    const room = window - repo.activeJobCount(comparisonId)
    if (room <= 0) return
    const actor = repo.get(comparisonId)?.createdBy ?? undefined
    for (const cell of repo.nextPending(comparisonId, room)) {
      try {
        // The job row and the cell's link to it are written together, so a crash between them
        // cannot leave a job the cell does not know about (and would create again). The cell's
        // reserved spend passes to its job: released first, so the job's budget check counts it once.
        repo.transaction(() => {
          repo.dropPending(comparisonId, cell.index)
          const job = jobs.create(cell.model as Parameters<JobService['create']>[0], JSON.parse(cell.params), {
            comparisonId,
            retryOf: cell.previousJobId ?? undefined,
            actor,
          })
          repo.attachJob(comparisonId, cell.index, job.id)
        })
      } catch (err) {
        log.error('comparison cell could not be created', { comparison: comparisonId, cell: cell.index, error: String(err) })
        repo.dropPending(comparisonId, cell.index)
      }
    }
  }

  function pump() {
    clearTimeout(timer)
    timer = undefined
    if (stopped) return
    const pending = repo.pendingComparisonIds()
    for (const id of pending) feed(id)
    if (pending.length) timer = setTimeout(pump, tickMs)
  }

  return {
    /** Creates what fits now and keeps going until no cell is waiting for a job. */
    kick: pump,
    stop() {
      stopped = true
      clearTimeout(timer)
    },
  }
}
