import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { Job } from '../../../shared/api'
import { afterEach, describe, expect, it } from 'vitest'
import { openSqlite } from '../../../server/db/sqlite'
import { heldSimulator, startStack, type Stack } from '../harness'

let stack: Stack
afterEach(async () => {
  await stack.close()
})

describe('jobs survive a server restart', () => {
  it('finishes jobs that were queued upstream when the server stopped, without submitting them again', async () => {
    // The gateway's clock is held, so every job is still queued upstream when the server stops.
    const { sim, clock } = await heldSimulator()
    stack = await startStack({ simulator: sim })
    const ids: string[] = []
    for (const model of ['ernie-image-turbo', 'ernie-image', 'z-image-turbo'])
      ids.push((await stack.createJob(model, { prompt: `survivor ${model}` })).id)
    // Stop once all three are recorded as submitted (one list call, so one moment).
    const snapshot = async () => {
      const { items }: { items: Job[] } = await (await stack.api('/api/jobs')).json()
      return ids.map((id) => items.find((j) => j.id === id)!)
    }
    await expect.poll(async () => (await snapshot()).every((j) => j.requestId !== null)).toBe(true)
    expect((await snapshot()).map((j) => j.status)).toEqual(['queued', 'queued', 'queued'])
    await stack.restart()
    clock.release()
    const jobs = await Promise.all(ids.map((id) => stack.settle(id)))
    expect(jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'completed'])
    expect(stack.sim.control.submissions()).toHaveLength(3)
  })

  it('marks a job caught between "about to submit" and "request id recorded" as uncertain, and never sends it', async () => {
    stack = await startStack()
    await stack.darkroom.close()
    // The row a crash leaves behind: written, never confirmed.
    const db = openSqlite(path.join(stack.dataDir, 'darkroom.db'))
    const id = randomUUID()
    await db.jobs.insertJob({
      id,
      model: 'z-image-turbo',
      prompt: 'in limbo',
      params: { prompt: 'in limbo', seed: 7 },
      seed: 7,
      status: 'submitting',
      createdAt: Date.now(),
      updatedAt: Date.now(),
    })
    await db.close()
    await stack.restart()
    const job = await stack.settle(id)
    expect(job.status).toBe('uncertain')
    expect(job.error?.action).toMatch(/Pixazo dashboard/)
    expect(stack.sim.control.submissions()).toHaveLength(0)
  })
})
