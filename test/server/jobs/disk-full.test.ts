// A full disk is survivable without a restart: the job is parked in download_failed (not stuck in
// downloading), tried again with backoff for as long as it takes, and finishes on its own when space
// returns; Retry and Re-check take it up at once. The full disk is the one faked part: the image
// store's file write, which cannot be made to fail for real here.
import { readdirSync } from 'node:fs'
import { writeFile as fsWriteFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { startRig, type Rig } from './rig'

let rig: Rig
afterEach(async () => {
  await rig?.close()
})

function fillableDisk() {
  const disk = {
    full: false,
    failedWrites: 0,
    writeFile: (async (file, data) => {
      if (disk.full) {
        disk.failedWrites++
        throw Object.assign(new Error(`ENOSPC: no space left on device, write '${String(file)}'`), { code: 'ENOSPC', errno: -28 })
      }
      return fsWriteFile(file, data)
    }) as typeof fsWriteFile,
  }
  return disk
}

const RETRY = { baseMs: 1000, capMs: 30_000, submitAttempts: 5, pollFailures: 5, downloadAttempts: 3 }

describe('a full disk', () => {
  it('parks the job in download_failed, retries with backoff past the download attempt limit, and finishes when space returns', async () => {
    const disk = fillableDisk()
    rig = await startRig({ writeFile: disk.writeFile, retry: RETRY, timing: { queuedMs: 500, processingMs: 500 } })
    disk.full = true
    const { id } = rig.jobs.create('z-image-turbo', { prompt: 'no room' })
    await rig.tick(1500) // the gateway finishes at 1 s; the first download fails then

    const parked = rig.repo.getJob(id)!
    expect(parked).toMatchObject({
      status: 'download_failed',
      errorCode: 'disk_full',
      retryReason: 'The disk is full; waiting for space',
      attempts: 1,
    })
    expect(parked.errorMessage).toMatch(/^The disk is full: the image could not be saved \(ENOSPC/)
    expect(parked.nextAttemptAt).toBe(parked.finishedAt! + 1000)
    expect(rig.jobs.get(id)).toMatchObject({ status: 'download_failed', retry: { reason: 'The disk is full; waiting for space', attempt: 1 } })
    expect(readdirSync(rig.dirs.tmp)).toEqual([])
    expect(readdirSync(rig.dirs.images)).toEqual([])

    // Backoff doubles (1 s, 2 s, 4 s…) up to the cap, and the download attempt limit (3) does not end it.
    await rig.tick(120_000, 500)
    const waiting = rig.repo.getJob(id)!
    expect(waiting).toMatchObject({ status: 'download_failed', errorCode: 'disk_full' })
    expect(waiting.attempts).toBeGreaterThan(RETRY.downloadAttempts)
    expect(waiting.attempts).toBeLessThan(12) // 1+2+4+8+16+30+30+30 s: backing off, not hammering
    expect(disk.failedWrites).toBe(waiting.attempts)

    disk.full = false
    await rig.tick(31_000, 500)
    expect(rig.repo.getJob(id)).toMatchObject({ status: 'completed', errorCode: null, nextAttemptAt: null })
    expect(rig.repo.imagesOfJobs([id])).toHaveLength(1)
    expect(readdirSync(rig.dirs.images)).toHaveLength(1)
    expect(rig.sim.control.submissions()).toHaveLength(1)
  })

  it('keeps trying after a restart, and finishes when space returns', async () => {
    const disk = fillableDisk()
    rig = await startRig({ writeFile: disk.writeFile, retry: RETRY, timing: { queuedMs: 500, processingMs: 500 } })
    disk.full = true
    const { id } = rig.jobs.create('z-image-turbo', { prompt: 'outlives a restart' })
    await rig.tick(10_000, 500)
    expect(rig.status(id)).toBe('download_failed')
    const attempts = rig.repo.getJob(id)!.attempts

    await rig.restart()
    await rig.tick(20_000, 500)
    expect(rig.repo.getJob(id)!.attempts).toBeGreaterThan(attempts)
    disk.full = false
    await rig.tick(31_000, 500)
    expect(rig.status(id)).toBe('completed')
    expect(rig.sim.control.submissions()).toHaveLength(1)
  })

  it('lets Retry and Re-check take a parked download up at once', async () => {
    const disk = fillableDisk()
    rig = await startRig({ writeFile: disk.writeFile, retry: RETRY, timing: { queuedMs: 500, processingMs: 500 } })
    disk.full = true
    const first = rig.jobs.create('z-image-turbo', { prompt: 'retried' })
    const second = rig.jobs.create('z-image-turbo', { prompt: 'rechecked' })
    await rig.tick(2000)
    await rig.tick(20_000, 500)
    expect([rig.status(first.id), rig.status(second.id)]).toEqual(['download_failed', 'download_failed'])

    disk.full = false
    expect(rig.jobs.retry(first.id)).toMatchObject({ id: first.id, status: 'downloading', error: null, retry: null })
    expect(rig.jobs.recheck(second.id)).toMatchObject({ id: second.id, status: 'downloading' })
    await rig.tick(0)
    expect([rig.status(first.id), rig.status(second.id)]).toEqual(['completed', 'completed'])
    expect(rig.sim.control.submissions()).toHaveLength(2) // nothing generated again
  })
})
