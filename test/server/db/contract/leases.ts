// Job leases (docs/decisions/025): a claim leases what it takes, the owner renews in one write, only a
// lease that ran out can be taken by another instance, and a job that settles drops its lease.
import { describe, expect, it } from 'vitest'
import { image, job, type DataFactory } from './fixtures'

const A = { owner: 'instance-a', until: 10_000 }
const B = { owner: 'instance-b', until: 20_000 }

export function jobLeaseContract(open: DataFactory) {
  describe('JobStore leases', () => {
    it('a claim leases the jobs it takes to the claimer, as stored and as returned', async () => {
      const data = await open()
      for (let i = 0; i < 3; i++) await data.jobs.insertJob(job(`w${i}`, 'waiting', { createdAt: 100 + i }))
      const claimed = await data.jobs.claimDue(5000, 2, A)
      expect(claimed.map((j) => [j.id, j.leaseOwner, j.leaseUntil])).toEqual([
        ['w0', 'instance-a', 10_000],
        ['w1', 'instance-a', 10_000],
      ])
      expect(await data.jobs.getJob('w0')).toMatchObject({ status: 'submitting', leaseOwner: 'instance-a', leaseUntil: 10_000 })
      expect(await data.jobs.getJob('w2')).toMatchObject({ status: 'waiting', leaseOwner: null, leaseUntil: null })
    })

    it('renews only the leases the owner still holds, in one call, and says which', async () => {
      const data = await open()
      await data.jobs.insertJob(job('mine', 'queued', { leaseOwner: 'instance-a', leaseUntil: 5000 }))
      await data.jobs.insertJob(job('theirs', 'queued', { leaseOwner: 'instance-b', leaseUntil: 5000 }))
      await data.jobs.insertJob(job('done', 'completed'))
      const renewed = await data.jobs.renewLeases('instance-a', ['mine', 'theirs', 'done', 'missing'], 9000)
      expect(renewed).toEqual(['mine'])
      expect(await data.jobs.getJob('mine')).toMatchObject({ leaseOwner: 'instance-a', leaseUntil: 9000 })
      expect(await data.jobs.getJob('theirs')).toMatchObject({ leaseOwner: 'instance-b', leaseUntil: 5000 })
      expect(await data.jobs.renewLeases('instance-a', [], 9000)).toEqual([])
    })

    it('takes over only leases that ran out (or were never set), never a live one, and never a settled job', async () => {
      const data = await open()
      await data.jobs.insertJob(job('live', 'processing', { leaseOwner: 'instance-a', leaseUntil: 8000 }))
      await data.jobs.insertJob(job('stale', 'queued', { leaseOwner: 'instance-a', leaseUntil: 6999 }))
      await data.jobs.insertJob(job('stale-submit', 'submitting', { leaseOwner: 'instance-a', leaseUntil: 1000 }))
      await data.jobs.insertJob(job('orphan', 'downloading'))
      await data.jobs.insertJob(job('waiting', 'waiting'))
      await data.jobs.insertJob(job('finished', 'failed'))

      const taken = await data.jobs.takeExpiredLeases(B, 7000)
      expect(taken.map((j) => j.id).sort()).toEqual(['orphan', 'stale', 'stale-submit'])
      expect(taken.every((j) => j.leaseOwner === 'instance-b' && j.leaseUntil === 20_000)).toBe(true)
      expect(await data.jobs.getJob('live')).toMatchObject({ leaseOwner: 'instance-a', leaseUntil: 8000 })
      expect(await data.jobs.getJob('waiting')).toMatchObject({ leaseOwner: null })
      expect(await data.jobs.getJob('finished')).toMatchObject({ leaseOwner: null })
      // Taken now, so a second sweep at the same moment (another instance) finds nothing.
      expect(await data.jobs.takeExpiredLeases({ owner: 'instance-c', until: 30_000 }, 7000)).toEqual([])

      // One job at a time: the owner (renewing) or anyone once it ran out, nobody else before.
      expect(await data.jobs.takeLease('live', B, 7000)).toBe(false)
      expect(await data.jobs.takeLease('live', { owner: 'instance-a', until: 12_000 }, 7000)).toBe(true)
      expect(await data.jobs.takeLease('live', B, 12_001)).toBe(true)
      expect(await data.jobs.getJob('live')).toMatchObject({ leaseOwner: 'instance-b', leaseUntil: 20_000 })
      expect(await data.jobs.takeLease('finished', B, 7000)).toBe(false)
    })

    it('when expired leases are taken by two instances at once, each job goes to exactly one', async () => {
      const data = await open()
      for (let i = 0; i < 12; i++) await data.jobs.insertJob(job(`q${i}`, 'queued', { leaseOwner: 'dead', leaseUntil: 1000 }))
      const sweeps = await Promise.all([A, B, A, B].map((lease) => data.jobs.takeExpiredLeases(lease, 5000)))
      expect(
        sweeps
          .flat()
          .map((j) => j.id)
          .sort(),
      ).toEqual(Array.from({ length: 12 }, (_, i) => `q${i}`).sort())
      const owners = new Set((await data.jobs.jobsWithStatus(['queued'])).map((j) => j.leaseOwner))
      expect([...owners].every((o) => o === 'instance-a' || o === 'instance-b')).toBe(true)
    })

    it('a job that settles drops its lease; one that moves on between leased statuses keeps it', async () => {
      const data = await open()
      await data.jobs.insertJob(job('j1', 'queued', { leaseOwner: 'instance-a', leaseUntil: 9000 }))
      expect(await data.jobs.transition('j1', 'queued', 'processing')).toBe(true)
      expect(await data.jobs.getJob('j1')).toMatchObject({ leaseOwner: 'instance-a', leaseUntil: 9000 })
      expect(await data.jobs.transition('j1', 'processing', 'downloading')).toBe(true)
      expect(await data.jobs.completeJob('j1', [image('j1')], { finishedAt: 2000 })).toBe(true)
      expect(await data.jobs.getJob('j1')).toMatchObject({ status: 'completed', leaseOwner: null, leaseUntil: null })

      await data.jobs.insertJob(job('j2', 'submitting', { leaseOwner: 'instance-a', leaseUntil: 9000 }))
      // Even when the caller's patch names a lease, a settled job holds none.
      expect(await data.jobs.transition('j2', 'submitting', 'uncertain', { leaseOwner: 'instance-b', leaseUntil: 1 })).toBe(true)
      expect(await data.jobs.getJob('j2')).toMatchObject({ status: 'uncertain', leaseOwner: null, leaseUntil: null })
      expect(await data.jobs.renewLeases('instance-a', ['j1', 'j2'], 99_000)).toEqual([])

      // Taken up again (a re-check), it is leased by whoever moved it.
      await data.jobs.insertJob(job('j3', 'timed_out'))
      expect(await data.jobs.transition('j3', 'timed_out', 'queued', { leaseOwner: 'instance-b', leaseUntil: 20_000 })).toBe(true)
      expect(await data.jobs.getJob('j3')).toMatchObject({ leaseOwner: 'instance-b', leaseUntil: 20_000 })
    })
  })
}
