// Data.transaction's contract: all or nothing, nested calls are savepoints inside the outer one, and
// transactions serialise (the second sees the first's writes, never half of them).
import { describe, expect, it } from 'vitest'
import { job, type DataFactory } from './fixtures'

export function transactionContract(open: DataFactory) {
  describe('Data.transaction', () => {
    it('rolls back every write when fn throws, and passes the error on', async () => {
      const data = await open()
      await expect(
        data.transaction(async () => {
          await data.jobs.insertJob(job('j1', 'waiting'))
          await data.presets.saveList({ name: 'colours', entries: ['red'], updatedAt: 1 })
          throw new Error('boom')
        }),
      ).rejects.toThrow('boom')
      expect(await data.jobs.getJob('j1')).toBeUndefined()
      expect(await data.presets.lists()).toEqual([])
    })

    it('commits and resolves to what fn returns', async () => {
      const data = await open()
      const result = await data.transaction(async () => {
        await data.jobs.insertJob(job('j1', 'waiting'))
        return data.jobs.transition('j1', 'waiting', 'submitting')
      })
      expect(result).toBe(true)
      expect((await data.jobs.getJob('j1'))?.status).toBe('submitting')
    })

    it('joins a nested call: its writes commit with the outer one, or go with it', async () => {
      const data = await open()
      await data.transaction(async () => {
        await data.jobs.insertJob(job('outer', 'waiting'))
        await data.transaction(() => data.jobs.insertJob(job('inner', 'waiting')))
        expect((await data.jobs.getJob('inner'))?.id).toBe('inner')
      })
      expect((await data.jobs.listJobs(10)).map((j) => j.id).sort()).toEqual(['inner', 'outer'])

      await expect(
        data.transaction(async () => {
          await data.transaction(() => data.jobs.insertJob(job('inner2', 'waiting')))
          throw new Error('outer fails')
        }),
      ).rejects.toThrow('outer fails')
      expect(await data.jobs.getJob('inner2')).toBeUndefined()
    })

    it('undoes only a nested call that throws when the outer one carries on', async () => {
      const data = await open()
      await data.transaction(async () => {
        await data.jobs.insertJob(job('kept', 'waiting'))
        await data
          .transaction(async () => {
            await data.jobs.insertJob(job('undone', 'waiting'))
            throw new Error('inner fails')
          })
          .catch(() => {})
      })
      expect(await data.jobs.getJob('kept')).toBeDefined()
      expect(await data.jobs.getJob('undone')).toBeUndefined()
    })

    it('serialises transactions: a read-then-write in each never loses an update', async () => {
      const data = await open()
      await data.jobs.insertJob(job('j1', 'queued'))
      await Promise.all(
        Array.from({ length: 10 }, () =>
          data.transaction(async () => {
            const { attempts } = (await data.jobs.getJob('j1'))!
            await new Promise((resolve) => setImmediate(resolve))
            await data.jobs.updateJob('j1', { attempts: attempts + 1 })
          }),
        ),
      )
      expect((await data.jobs.getJob('j1'))?.attempts).toBe(10)
    })

    it('answers a ping', async () => {
      const data = await open()
      await expect(data.ping()).resolves.toBeUndefined()
    })
  })
}
