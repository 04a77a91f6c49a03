// CompareStore's contract: a comparison and its cells together, the pending-cell compare-and-set, and
// cancel/requeue/drop as the feeder and the service use them.
import { describe, expect, it } from 'vitest'
import type { NewCell } from '../../../../server/db/stores'
import { job, type DataFactory } from './fixtures'

const cell = (comparisonId: string, index: number, over: Partial<NewCell> = {}): NewCell => ({
  comparisonId,
  index,
  x: index,
  y: 0,
  z: 0,
  model: 'z-image-turbo',
  params: JSON.stringify({ prompt: 'p', num_images: 1 }),
  na: '[]',
  pending: true,
  requestedAt: 1000,
  ...over,
})

export function compareStoreContract(open: DataFactory) {
  describe('CompareStore', () => {
    it('stores a comparison with its cells and reads them back in order', async () => {
      const data = await open()
      await data.compare.insert({ id: 'c1', title: 'grid', spec: '{}', createdAt: 1 }, [cell('c1', 1), cell('c1', 0, { sameAs: null })])
      await data.compare.insert({ id: 'c2', title: 'later', spec: '{}', createdAt: 2 }, [])
      expect(await data.compare.get('c1')).toEqual({ id: 'c1', title: 'grid', spec: '{}', createdAt: 1, cancelledAt: null, createdBy: null })
      expect((await data.compare.list(10)).map((c) => c.id)).toEqual(['c2', 'c1'])
      const cells = await data.compare.cells(['c1'])
      expect(cells.map((c) => [c.index, c.pending, c.jobId, c.sameAs])).toEqual([
        [0, true, null, null],
        [1, true, null, null],
      ])
      expect(await data.compare.pendingComparisonIds()).toEqual(['c1'])
    })

    it('stores nothing when a cell cannot be stored', async () => {
      const data = await open()
      await expect(data.compare.insert({ id: 'c1', title: 'grid', spec: '{}', createdAt: 1 }, [cell('c1', 0), cell('c1', 0)])).rejects.toThrow()
      expect(await data.compare.get('c1')).toBeUndefined()
    })

    it('lets exactly one caller take a pending cell', async () => {
      const data = await open()
      await data.compare.insert({ id: 'c1', title: 'grid', spec: '{}', createdAt: 1 }, [cell('c1', 0), cell('c1', 1)])
      const takes = await Promise.all([data.compare.takePending('c1', 0), data.compare.takePending('c1', 0), data.compare.takePending('c1', 0)])
      expect(takes.filter(Boolean)).toHaveLength(1)
      expect((await data.compare.nextPending('c1', 10)).map((c) => c.index)).toEqual([1])
      await data.jobs.insertJob(job('j0', 'waiting', { comparisonId: 'c1' }))
      await data.compare.attachJob('c1', 0, 'j0')
      expect(await data.compare.activeJobCount('c1')).toBe(1)
      expect((await data.compare.jobs(['j0'])).map((j) => j.id)).toEqual(['j0'])
    })

    it('cancels cells without a job, requeues and drops cells', async () => {
      const data = await open()
      await data.compare.insert({ id: 'c1', title: 'grid', spec: '{}', createdAt: 1 }, [cell('c1', 0), cell('c1', 1), cell('c1', 2)])
      await data.jobs.insertJob(job('j0', 'failed', { comparisonId: 'c1' }))
      await data.compare.attachJob('c1', 0, 'j0')
      await data.compare.cancel('c1', 50)
      expect((await data.compare.get('c1'))?.cancelledAt).toBe(50)
      expect(await data.compare.pendingComparisonIds()).toEqual([])
      await data.compare.requeue('c1', [{ index: 0, jobId: 'j0' }], 60)
      expect(await data.compare.nextPending('c1', 10)).toMatchObject([{ index: 0, jobId: null, previousJobId: 'j0', pending: true, requestedAt: 60 }])
      await data.compare.dropPending('c1', 0)
      expect(await data.compare.nextPending('c1', 10)).toEqual([])
    })
  })
}
