// JobStore's contract: inserts and patches, the compare-and-set transition (a lost race writes nothing),
// the atomic claim of due jobs, and completeJob's all-or-nothing.
import { describe, expect, it } from 'vitest'
import { IllegalTransitionError } from '../../../../server/db/job-moves'
import { completedJob, image, job, type DataFactory } from './fixtures'

export function jobStoreContract(open: DataFactory) {
  describe('JobStore', () => {
    it('reads back what was inserted, params as an object and nulls for what was left out', async () => {
      const data = await open()
      await data.jobs.insertJob(job('j1', 'waiting', { seed: 7, params: { prompt: 'p', seed: 7, guidance_scale: 4.5 } }))
      expect(await data.jobs.getJob('j1')).toEqual({
        ...job('j1', 'waiting'),
        params: { prompt: 'p', seed: 7, guidance_scale: 4.5 },
        promptTemplate: null,
        seed: 7,
        upstreamStatus: null,
        requestId: null,
        queuePosition: null,
        errorCode: null,
        errorMessage: null,
        errorAction: null,
        attempts: 0,
        nextAttemptAt: null,
        retryReason: null,
        deadlineAt: null,
        retryOf: null,
        comparisonId: null,
        createdBy: null,
        webhookToken: null,
        dismissedAt: null,
        submittedAt: null,
        finishedAt: null,
        queueRank: 1,
        leaseOwner: null,
        leaseUntil: null,
      })
      expect(await data.jobs.getJob('nope')).toBeUndefined()
    })

    it('moves a job only from the statuses named, once; the loser of a race writes nothing', async () => {
      const data = await open()
      await data.jobs.insertJob(job('j1', 'waiting'))
      const [a, b] = await Promise.all([
        data.jobs.transition('j1', 'waiting', 'submitting', { requestId: 'a' }),
        data.jobs.transition('j1', 'waiting', 'cancelled', { errorMessage: 'b' }),
      ])
      expect([a, b].filter(Boolean)).toHaveLength(1)
      const row = (await data.jobs.getJob('j1'))!
      expect(row.status).toBe(a ? 'submitting' : 'cancelled')
      expect(a ? row.errorMessage : row.requestId).toBeNull()
      expect(await data.jobs.transition('j1', 'waiting', 'submitting')).toBe(false)
      expect(await data.jobs.transition('missing', 'waiting', 'submitting')).toBe(false)
    })

    it('refuses a move the table does not allow, writing nothing', async () => {
      const data = await open()
      await data.jobs.insertJob(job('j1', 'completed'))
      await expect(data.jobs.transition('j1', 'completed', 'queued', { errorMessage: 'no' })).rejects.toThrow(IllegalTransitionError)
      expect(await data.jobs.getJob('j1')).toMatchObject({ status: 'completed', errorMessage: null, updatedAt: 1000 })
    })

    it('patches without touching the status, and stamps updatedAt', async () => {
      const data = await open()
      await data.jobs.insertJob(job('j1', 'queued'))
      await data.jobs.updateJob('j1', { attempts: 2, retryReason: 'busy' })
      const row = (await data.jobs.getJob('j1'))!
      expect(row).toMatchObject({ status: 'queued', attempts: 2, retryReason: 'busy' })
      expect(row.updatedAt).toBeGreaterThan(1000)
    })

    it('claims due waiting jobs in queue order up to the in-flight cap, never twice, even when claims race', async () => {
      const data = await open()
      await data.jobs.insertJob(job('busy', 'queued'))
      for (let i = 0; i < 6; i++) await data.jobs.insertJob(job(`w${i}`, 'waiting', { createdAt: 100 + i }))
      await data.jobs.insertJob(job('later', 'waiting', { createdAt: 50, nextAttemptAt: 99_999 }))
      expect(await data.jobs.waitingOrder()).toEqual(['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'later'])
      const claims = await Promise.all([data.jobs.claimDue(5000, 4), data.jobs.claimDue(5000, 4), data.jobs.claimDue(5000, 4)])
      const ids = claims.flat().map((j) => j.id)
      expect(ids.sort()).toEqual(['w0', 'w1', 'w2'])
      expect(claims.flat().every((j) => j.status === 'submitting')).toBe(true)
      expect(await data.jobs.countWithStatus(['submitting', 'queued'])).toBe(4)
      expect(await data.jobs.claimDue(5000, 4)).toEqual([])
      expect(await data.jobs.nextWaitingRetryAt(5000)).toBe(99_999)
      expect((await data.jobs.dueWaiting(5000, 10)).map((j) => j.id)).toEqual(['w3', 'w4', 'w5'])
    })

    it('completes a downloading job and stores its images together, or neither', async () => {
      const data = await open()
      await data.jobs.insertJob(job('gone', 'timed_out'))
      expect(await data.jobs.completeJob('gone', [image('gone')], {})).toBe(false)
      expect(await data.jobs.imagesOfJobs(['gone'])).toEqual([])
      expect(await data.jobs.getImage('gone-0')).toBeUndefined()

      await data.jobs.insertJob(job('j1', 'downloading', { comparisonId: 'cmp' }))
      const [a, b] = await Promise.all([
        data.jobs.completeJob('j1', [image('j1', 0), image('j1', 1)], { finishedAt: 5 }),
        data.jobs.completeJob('j1', [image('j1', 0)], { finishedAt: 6 }),
      ])
      expect([a, b]).toEqual([true, false])
      expect(await data.jobs.getJob('j1')).toMatchObject({ status: 'completed', finishedAt: 5 })
      const stored = await data.jobs.imagesOfJobs(['j1'])
      expect(stored.map((i) => [i.index, i.favourite, i.deletedAt, i.comparisonId])).toEqual([
        [0, false, null, 'cmp'],
        [1, false, null, 'cmp'],
      ])
      expect(stored[1]!.seq).toBeGreaterThan(stored[0]!.seq!)
      expect(await data.jobs.getImage('j1-1')).toMatchObject({ image: { id: 'j1-1', jobId: 'j1' }, job: { id: 'j1', status: 'completed' } })
      expect((await data.jobs.imagesWithJobs(['j1-1', 'nope'])).map((r) => [r.image.id, r.job.id])).toEqual([['j1-1', 'j1']])
      expect(await data.jobs.imagesWithJobs([])).toEqual([])
    })

    it('keeps an image’s seq when a re-download rewrites it', async () => {
      const data = await open()
      await completedJob(data, 'j1')
      const before = (await data.jobs.getImage('j1-0'))!.image.seq
      expect(await data.jobs.transition('j1', 'completed', 'downloading')).toBe(true)
      expect(await data.jobs.completeJob('j1', [image('j1', 0, { bytes: 99 })], {})).toBe(true)
      expect((await data.jobs.getImage('j1-0'))!.image).toMatchObject({ seq: before, bytes: 99 })
    })

    it('lists, dismisses only finished jobs, and finds retries due', async () => {
      const data = await open()
      await data.jobs.insertJob(job('old', 'completed', { createdAt: 1 }))
      await data.jobs.insertJob(job('new', 'queued', { createdAt: 2 }))
      await data.jobs.insertJob(job('parked', 'download_failed', { createdAt: 3, nextAttemptAt: 50 }))
      expect((await data.jobs.listJobs(10)).map((j) => j.id)).toEqual(['parked', 'new', 'old'])
      expect(await data.jobs.dismissJob('new', 9)).toBe(false)
      expect(await data.jobs.dismissJob('old', 9)).toBe(true)
      expect((await data.jobs.listJobs(10)).map((j) => j.id)).toEqual(['parked', 'new'])
      expect((await data.jobs.jobsWithStatus(['queued', 'completed'])).map((j) => j.id).sort()).toEqual(['new', 'old'])
      expect((await data.jobs.retriesDue('download_failed')).map((j) => j.id)).toEqual(['parked'])
    })

    it('pages image files by seq for the storage audit, and deletes a row', async () => {
      const data = await open()
      for (let i = 0; i < 5; i++) await completedJob(data, `j${i}`)
      const first = await data.jobs.imageFilesAfter(0, 2)
      expect(first.map((r) => r.id)).toEqual(['j0-0', 'j1-0'])
      const rest = await data.jobs.imageFilesAfter(first[1]!.seq!, 10)
      expect(rest.map((r) => r.id)).toEqual(['j2-0', 'j3-0', 'j4-0'])
      expect((await data.jobs.imageFilesByIds(['j3-0', 'nope'])).map((r) => [r.id, r.fileName, r.deletedAt])).toEqual([['j3-0', 'j3-0.png', null]])
      await data.jobs.deleteImage('j3-0')
      expect(await data.jobs.imageFilesByIds(['j3-0'])).toEqual([])
    })
  })
}
