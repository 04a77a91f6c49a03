// The runner's timing on a clock the test moves: deadlines, re-checks and submit backoff happen at
// exactly the times the policy says, and never earlier, however busy the machine is.
import { afterEach, describe, expect, it } from 'vitest'
import { startRig, type Rig } from './rig'

let rig: Rig
afterEach(async () => {
  await rig?.close()
})

describe('deadlines, on an injected clock', () => {
  it('times a job out at its deadline with its last upstream state; a re-check finishes it without resubmitting', async () => {
    rig = await startRig({ timing: { queuedMs: 120_000, processingMs: 1000 }, deadlineMs: 60_000 })
    const { id } = await rig.jobs.create('ernie-image-turbo', { prompt: 'slow gateway' })
    await rig.tick(0)
    expect(await rig.status(id)).toBe('queued')

    await rig.tick(59_750)
    expect(await rig.status(id)).toBe('queued')
    await rig.tick(500)
    expect(await rig.repo.getJob(id)).toMatchObject({
      status: 'timed_out',
      errorCode: 'timeout',
      errorMessage: 'No result after 1 min. Pixazo last said QUEUED.',
    })
    const readsAtTimeout = rig.routeCount('status')
    await rig.tick(61_000)
    expect(rig.routeCount('status')).toBe(readsAtTimeout) // a timed-out job is left alone

    expect(await rig.jobs.recheck(id)).toMatchObject({ status: 'queued', error: null })
    const at = rig.clock.now()
    await rig.tick(0)
    expect(await rig.repo.getJob(id)).toMatchObject({ status: 'completed', errorCode: null, finishedAt: at })
    expect(await rig.repo.imagesOfJobs([id])).toHaveLength(1)
    expect(rig.sim.control.submissions()).toHaveLength(1)
  })
})

describe('submit backoff, on an injected clock', () => {
  it('waits exactly the backoff before each new try, then submits once', async () => {
    rig = await startRig({ retry: { baseMs: 1000, capMs: 30_000, submitAttempts: 5, pollFailures: 5, downloadAttempts: 3 } })
    rig.sim.control.failNext('generate', { status: 503, body: { error: 'busy' }, times: 2 })
    const { id } = await rig.jobs.create('z-image-turbo', { prompt: 'patient' })
    await rig.tick(0)
    expect(await rig.repo.getJob(id)).toMatchObject({ status: 'waiting', attempts: 1, nextAttemptAt: rig.clock.now() + 1000 })
    expect(rig.routeCount('generate')).toBe(1)

    await rig.tick(999, 333)
    expect(rig.routeCount('generate')).toBe(1)
    await rig.tick(1)
    expect(rig.routeCount('generate')).toBe(2)
    expect(await rig.repo.getJob(id)).toMatchObject({ status: 'waiting', attempts: 2, nextAttemptAt: rig.clock.now() + 2000 })

    await rig.tick(1999, 500)
    expect(rig.routeCount('generate')).toBe(2)
    await rig.tick(1)
    expect(await rig.status(id)).toBe('queued')
    await rig.tick(6000)
    expect(await rig.status(id)).toBe('completed')
    expect(rig.sim.control.submissions()).toHaveLength(1)
  })
})

describe('one step per job at a time', () => {
  it('pokes while a status read is under way start no second read or download', async () => {
    rig = await startRig()
    const { id } = await rig.jobs.create('z-image-turbo', { prompt: 'poked a lot' })
    await rig.tick(0)
    expect(await rig.status(id)).toBe('queued')
    // The gateway has finished; the next status read is held open for a while.
    rig.sim.control.failNext('status', { kind: 'slow', delayMs: 400 })
    rig.clock.advance(10_000) // the first poll starts now and waits on the slow answer
    for (let i = 0; i < 20; i++) expect(await rig.runner.poke(id)).toBe(true)
    rig.clock.advance(0) // anything the pokes planned for "now" fires while the read is in flight
    await rig.tick(5000)

    expect(await rig.status(id)).toBe('completed')
    expect(rig.routeCount('status')).toBe(1)
    expect(rig.routeCount('media')).toBe(1)
    expect(await rig.repo.imagesOfJobs([id])).toHaveLength(1)
  })
})
