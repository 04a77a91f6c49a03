// Job leases between two runners on one database, on a clock the test moves (docs/decisions/025): a
// runner that boots beside a live one leaves its jobs alone however long they run, because the live
// one's heartbeat renews them; once that one stops renewing, its leases run out and are taken over: a
// submit it was making becomes uncertain (never sent again), a job it was polling is finished.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createJobRunner, type JobRunner } from '../../../server/jobs/runner'
import { createLogger } from '../../../server/log'
import { startRig, type Rig } from './rig'

const LEASE_MS = 30_000

let rig: Rig
let runners: JobRunner[] = []
afterEach(async () => {
  await Promise.all(runners.map((r) => r.stop()))
  runners = []
  await rig?.close()
})

function runnerAs(instanceId: string) {
  const runner = createJobRunner({
    repo: rig.repo,
    pixazo: rig.pixazo,
    log: createLogger({ write: () => {} }),
    clock: rig.clock,
    random: () => 1,
    instanceId,
    leaseMs: LEASE_MS,
    poll: { firstMs: 1000, minMs: 1000, maxMs: 5000 },
    download: { store: rig.store, allowedOrigins: new Set([rig.pixazo.origin]), maxBytes: 40 * 1024 * 1024, timeoutMs: 10_000 },
  })
  runners.push(runner)
  return runner
}

/** Until no step or heartbeat of any runner is under way. */
const idle = () =>
  vi.waitFor(
    () => {
      if (runners.some((r) => r.stepsUnderWay() > 0)) throw new Error('runners still busy')
    },
    { timeout: 60_000, interval: 5 },
  )

async function tick(ms: number, stepMs = 500) {
  await idle()
  for (let t = 0; t < ms; t += stepMs) {
    rig.clock.advance(Math.min(stepMs, ms - t))
    await idle()
  }
}

const waiting = (id: string) => ({
  id,
  model: 'z-image-turbo',
  prompt: `lease ${id}`,
  params: { prompt: `lease ${id}`, num_images: 1 },
  status: 'waiting' as const,
  createdAt: rig.clock.now(),
  updatedAt: rig.clock.now(),
})

describe('job leases between two runners on one database', () => {
  it('leaves a live runner’s jobs alone, and takes them over only once its leases ran out', async () => {
    rig = await startRig({ timing: { queuedMs: 50_000, processingMs: 2000 } })
    const a = runnerAs('instance-a')
    await a.resume()
    for (const id of ['j1', 'j2']) await rig.repo.insertJob(waiting(id))
    await a.enqueue()
    await tick(0)
    expect(await rig.repo.getJob('j1')).toMatchObject({ status: 'queued', leaseOwner: 'instance-a', leaseUntil: rig.clock.now() + LEASE_MS })
    // A submit a caught mid-way: claimed and leased, its answer not yet recorded.
    await rig.repo.insertJob({ ...waiting('j3'), status: 'submitting', leaseOwner: 'instance-a', leaseUntil: rig.clock.now() + LEASE_MS })
    expect(rig.sim.control.submissions()).toHaveLength(2)

    // b boots beside a: no live lease of a's is taken, at boot or by b's sweeps.
    const b = runnerAs('instance-b')
    expect(await b.resume()).toBe(0)
    await tick(20_000)
    expect(await rig.repo.getJob('j3')).toMatchObject({ status: 'submitting', leaseOwner: 'instance-a' })
    // j3's lease is not renewed (a is not working on it), so it runs out and the submit is given up as
    // uncertain; j1 and j2, which a works on, stay a's through 45 s of sweeps as a renews them.
    await tick(25_000)
    expect(await rig.repo.getJob('j3')).toMatchObject({ status: 'uncertain', errorCode: 'uncertain', leaseOwner: null })
    for (const id of ['j1', 'j2']) {
      const job = (await rig.repo.getJob(id))!
      expect(job).toMatchObject({ status: 'queued', leaseOwner: 'instance-a' })
      expect(job.leaseUntil).toBeGreaterThan(rig.clock.now())
    }

    // a stops dead, its leases as they were: b takes j1 and j2 over once the last renewal runs out.
    await a.stop()
    const lastRenewal = Math.max(...(await Promise.all(['j1', 'j2'].map(async (id) => (await rig.repo.getJob(id))!.leaseUntil!))))
    await tick(lastRenewal - rig.clock.now() - 1)
    expect(await rig.repo.getJob('j1')).toMatchObject({ status: 'queued', leaseOwner: 'instance-a' })
    await tick(LEASE_MS / 3 + 15_000)
    for (const id of ['j1', 'j2']) expect(await rig.repo.getJob(id)).toMatchObject({ status: 'completed', leaseOwner: null, leaseUntil: null })
    expect(await rig.repo.imagesOfJobs(['j1', 'j2'])).toHaveLength(2)
    // Nothing was sent twice, and the interrupted submit was never sent at all (j1 and j2 went out
    // together, so they may have arrived in either order).
    expect(
      rig.sim.control
        .submissions()
        .map((s) => s.body.prompt)
        .sort(),
    ).toEqual(['lease j1', 'lease j2'])
  })

  it('a runner that stalled past its lease lets go of what another instance took over', async () => {
    rig = await startRig({ timing: { queuedMs: 50_000, processingMs: 2000 } })
    const a = runnerAs('instance-a')
    await a.resume()
    await rig.repo.insertJob(waiting('j1'))
    await a.enqueue()
    await tick(0)
    expect(await rig.repo.getJob('j1')).toMatchObject({ status: 'queued', leaseOwner: 'instance-a' })
    // Another instance takes the job as if a's lease had run out (a stalled): a's next heartbeat sees
    // the loss and stops polling it, so only the new owner reads its status.
    expect(await rig.repo.takeLease('j1', { owner: 'instance-b', until: rig.clock.now() + 10 * LEASE_MS }, rig.clock.now() + LEASE_MS + 1)).toBe(true)
    await tick(LEASE_MS / 3 + 500)
    const reads = rig.routeCount('status')
    await tick(30_000)
    expect(rig.routeCount('status')).toBe(reads)
    expect(await rig.repo.getJob('j1')).toMatchObject({ status: 'queued', leaseOwner: 'instance-b' })
  })
})
