// Darkroom's own queue on the job store (docs/decisions/028): arrival order, moves among waiting jobs
// only, a pause every claim obeys, and cancelling everything waiting at once.
import { describe, expect, it } from 'vitest'
import { job, type DataFactory } from './fixtures'

export function queueContract(open: DataFactory) {
  describe('JobStore: the queue', () => {
    it('queues new jobs in arrival order, whatever their creation times say', async () => {
      const data = await open()
      await data.jobs.insertJob(job('a', 'waiting', { createdAt: 3000 }))
      await data.jobs.insertJob(job('b', 'waiting', { createdAt: 1000 }))
      await data.jobs.insertJob(job('c', 'waiting', { createdAt: 2000 }))
      expect(await data.jobs.waitingOrder()).toEqual(['a', 'b', 'c'])
      expect((await data.jobs.listWaiting()).map((j) => j.id)).toEqual(['a', 'b', 'c'])
    })

    it('moves a waiting job to any place; claims follow the new order, and newcomers still join at the end', async () => {
      const data = await open()
      for (const id of ['a', 'b', 'c', 'd']) await data.jobs.insertJob(job(id, 'waiting'))
      expect(await data.jobs.moveWaiting('d', 1)).toBe(true)
      expect(await data.jobs.waitingOrder()).toEqual(['d', 'a', 'b', 'c'])
      expect(await data.jobs.moveWaiting('a', 3)).toBe(true)
      expect(await data.jobs.waitingOrder()).toEqual(['d', 'b', 'a', 'c'])
      expect(await data.jobs.moveWaiting('d', 99)).toBe(true)
      expect(await data.jobs.waitingOrder()).toEqual(['b', 'a', 'c', 'd'])
      expect(await data.jobs.moveWaiting('c', 0)).toBe(true)
      expect(await data.jobs.waitingOrder()).toEqual(['c', 'b', 'a', 'd'])
      await data.jobs.insertJob(job('e', 'waiting'))
      expect(await data.jobs.waitingOrder()).toEqual(['c', 'b', 'a', 'd', 'e'])
      expect((await data.jobs.claimDue(5000, 2)).map((j) => j.id)).toEqual(['c', 'b'])
      expect((await data.jobs.claimDue(5000, 4)).map((j) => j.id)).toEqual(['a', 'd'])
    })

    it('refuses to move a job that is no longer waiting, changing nothing', async () => {
      const data = await open()
      for (const id of ['a', 'b', 'c']) await data.jobs.insertJob(job(id, 'waiting'))
      await data.jobs.insertJob(job('sent', 'queued'))
      expect((await data.jobs.claimDue(5000, 2)).map((j) => j.id)).toEqual(['a'])
      expect(await data.jobs.moveWaiting('a', 3)).toBe(false)
      expect(await data.jobs.moveWaiting('sent', 1)).toBe(false)
      expect(await data.jobs.moveWaiting('missing', 1)).toBe(false)
      expect(await data.jobs.waitingOrder()).toEqual(['b', 'c'])
      expect(await data.jobs.getJob('a')).toMatchObject({ status: 'submitting' })
    })

    it('keeps an order asked for while claims race with it: no job is claimed twice or lost', async () => {
      const data = await open()
      for (let i = 0; i < 8; i++) await data.jobs.insertJob(job(`w${i}`, 'waiting'))
      const [moved, ...claims] = await Promise.all([data.jobs.moveWaiting('w7', 1), data.jobs.claimDue(5000, 3), data.jobs.claimDue(5000, 3)])
      expect(moved).toBe(true)
      const claimed = claims.flat().map((j) => j.id)
      expect(claimed).toHaveLength(3)
      const waiting = await data.jobs.waitingOrder()
      expect([...claimed, ...waiting].sort()).toEqual(['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7'])
      // Whichever came first, what is left keeps the move's order.
      expect(waiting.filter((id) => id !== 'w7')).toEqual(['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6'].filter((id) => waiting.includes(id)))
      if (waiting.includes('w7')) expect(waiting[0]).toBe('w7')
    })

    it('claims nothing while paused, and everything due again once resumed', async () => {
      const data = await open()
      expect(await data.jobs.queueState()).toEqual({ paused: false, changedAt: null })
      for (const id of ['a', 'b']) await data.jobs.insertJob(job(id, 'waiting'))
      expect(await data.jobs.setQueuePaused(true, 7000)).toEqual({ paused: true, changedAt: 7000 })
      expect(await data.jobs.queueState()).toEqual({ paused: true, changedAt: 7000 })
      expect(await data.jobs.claimDue(5000, 8)).toEqual([])
      expect(await data.jobs.waitingOrder()).toEqual(['a', 'b'])
      expect(await data.jobs.setQueuePaused(false, 8000)).toEqual({ paused: false, changedAt: 8000 })
      expect((await data.jobs.claimDue(5000, 8)).map((j) => j.id)).toEqual(['a', 'b'])
    })

    it('cancels every waiting job at once and nothing else, saying which', async () => {
      const data = await open()
      for (const id of ['a', 'b', 'c']) await data.jobs.insertJob(job(id, 'waiting'))
      await data.jobs.insertJob(job('retrying', 'waiting', { nextAttemptAt: 99_999, retryReason: 'busy' }))
      await data.jobs.insertJob(job('sent', 'queued'))
      await data.jobs.insertJob(job('done', 'completed'))
      expect((await data.jobs.cancelWaiting(6000)).sort()).toEqual(['a', 'b', 'c', 'retrying'])
      expect(await data.jobs.getJob('retrying')).toMatchObject({ status: 'cancelled', finishedAt: 6000, nextAttemptAt: null, retryReason: null })
      expect(await data.jobs.getJob('sent')).toMatchObject({ status: 'queued', finishedAt: null })
      expect(await data.jobs.getJob('done')).toMatchObject({ status: 'completed' })
      expect(await data.jobs.waitingOrder()).toEqual([])
      expect(await data.jobs.cancelWaiting(7000)).toEqual([])
    })
  })
}
