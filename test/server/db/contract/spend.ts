// SpendStore's contract: totals follow jobs and pending cells in the same transaction, and the budget
// gate's exclusive section lets no parallel caller slip past a budget.
import { describe, expect, it } from 'vitest'
import { OverBudget } from '../../../../server/errors'
import { createSpend } from '../../../../server/spend/service'
import { image, job, type DataFactory } from './fixtures'

const today = Date.UTC(2026, 5, 15, 12)

export function spendStoreContract(open: DataFactory) {
  describe('SpendStore', () => {
    it('counts images of jobs and pending cells per day, model and person', async () => {
      const data = await open()
      await data.jobs.insertJob(job('a', 'waiting', { createdAt: today, createdBy: 'token 1', params: { prompt: 'p', num_images: 2 } }))
      await data.jobs.insertJob(job('b', 'waiting', { createdAt: today, model: 'ernie-image' }))
      await data.jobs.insertJob(job('c', 'waiting', { createdAt: today - 86_400_000 }))
      expect(await data.jobs.transition('c', 'waiting', 'cancelled')).toBe(true)
      await data.compare.insert({ id: 'g', title: 't', spec: '{}', createdAt: today }, [
        {
          comparisonId: 'g',
          index: 0,
          x: 0,
          y: 0,
          z: 0,
          model: 'z-image-turbo',
          params: '{"prompt":"p","num_images":1}',
          na: '[]',
          pending: true,
          requestedAt: today,
        },
      ])
      const totals = (await data.spend.totalsSince('2026-06-01')).sort((x, y) => (x.model + x.person).localeCompare(y.model + y.person))
      expect(totals).toEqual([
        { day: '2026-06-15', model: 'ernie-image', person: 'local', images: 1 },
        { day: '2026-06-15', model: 'z-image-turbo', person: 'local', images: 1 },
        { day: '2026-06-15', model: 'z-image-turbo', person: 'token 1', images: 2 },
      ])
      const byModel = (await data.spend.byDayAndModelSince('2026-06-15')).filter((r) => r.images).sort((x, y) => x.model.localeCompare(y.model))
      expect(byModel).toEqual([
        { day: '2026-06-15', model: 'ernie-image', images: 1 },
        { day: '2026-06-15', model: 'z-image-turbo', images: 3 },
      ])
    })

    it('counts a completed job as the images it stored, from the moment it completes', async () => {
      const data = await open()
      await data.jobs.insertJob(job('done', 'waiting', { createdAt: today, params: { prompt: 'p', num_images: 2 } }))
      for (const [from, to] of [
        ['waiting', 'submitting'],
        ['submitting', 'queued'],
        ['queued', 'downloading'],
      ] as const)
        expect(await data.jobs.transition('done', from, to)).toBe(true)
      expect(await data.spend.totalsSince('2026-06-15')).toEqual([{ day: '2026-06-15', model: 'z-image-turbo', person: 'local', images: 2 }])
      // Two asked for, one delivered: the completed job counts the one it stored.
      expect(await data.jobs.completeJob('done', [image('done', 0)], { finishedAt: today })).toBe(true)
      expect(await data.spend.totalsSince('2026-06-15')).toEqual([{ day: '2026-06-15', model: 'z-image-turbo', person: 'local', images: 1 }])
    })

    it('lets parallel gated work fill a budget but never pass it, undoing what would', async () => {
      const data = await open()
      // $0.008 an image: a $0.05 budget fits six.
      const spend = createSpend(data.spend, { dailyUsd: 0.05, unknownPriceUsd: 0.05 })
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          spend.gate(async () => {
            await data.jobs.insertJob(job(`j${i}`, 'waiting', { createdAt: Date.now() }))
            await new Promise((resolve) => setImmediate(resolve))
            return i
          }),
        ),
      )
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(6)
      const refused = results.filter((r) => r.status === 'rejected')
      expect(refused).toHaveLength(4)
      for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(OverBudget)
      expect(await data.jobs.countWithStatus(['waiting'])).toBe(6)
      expect((await spend.report()).today.usd).toBeCloseTo(0.048, 6)
    })
  })
}
