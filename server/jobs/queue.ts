// Darkroom's own queue: pause and resume sending, reorder the jobs not yet sent, cancel them all. The
// order and the pause live in the database, so every instance obeys them; the runner's claim reads both
// (docs/decisions/028-queue-control.md).
import type { Queue } from '../../shared/queue'
import { QUEUE_LIST_LIMIT } from '../../shared/queue'
import type { JobStore } from '../db/stores'
import { Conflict, NotFound } from '../errors'
import { presentJob } from './present'
import type { JobRunner } from './runner'

export function createQueueService(repo: JobStore, runner: Pick<JobRunner, 'enqueue'>) {
  async function read(): Promise<Queue> {
    const [state, waiting] = await Promise.all([repo.queueState(), repo.listWaiting()])
    return {
      paused: state.paused,
      changedAt: state.changedAt === null ? null : new Date(state.changedAt).toISOString(),
      count: waiting.length,
      waiting: waiting.slice(0, QUEUE_LIST_LIMIT).map((row, i) => ({ ...presentJob(row, []), localQueuePosition: i + 1 })),
    }
  }

  async function move(id: string, position: number): Promise<Queue> {
    if (!(await repo.moveWaiting(id, position))) {
      const row = await repo.getJob(id)
      if (!row) throw new NotFound('No job with this id', { id: 'no job with this id' })
      throw new Conflict(
        `This job is ${row.status === 'cancelled' ? 'cancelled' : 'already sent to Pixazo'} (${row.status}): only jobs still waiting in Darkroom's queue can be moved`,
      )
    }
    return read()
  }

  return {
    read,

    /** While paused nothing new is sent; jobs already sent keep being polled and downloaded. */
    async setPaused(paused: boolean): Promise<Queue> {
      await repo.setQueuePaused(paused, Date.now())
      if (!paused) await runner.enqueue()
      return read()
    },

    move,

    /** To the front of the queue: sent as soon as a slot is free (and the queue is not paused). */
    runNext: (id: string) => move(id, 1),

    /** Every job not yet sent, cancelled at once; nothing already sent is touched. */
    async cancelWaiting(): Promise<{ cancelled: number }> {
      return { cancelled: (await repo.cancelWaiting(Date.now())).length }
    },
  }
}

export type QueueService = ReturnType<typeof createQueueService>
