import { afterEach, describe, expect, it } from 'vitest'
import type { Comparison } from '../../../shared/compare'
import { isActive, type JobStatus } from '../../../shared/job-states'
import { startStack, type Stack } from '../harness'
import { createComparison, generateCalls, getComparison, settleComparison, STEPS_468, THREE_MODELS, threeByThree } from './support'

let stack: Stack
afterEach(() => stack?.close())

// Whole grids run here; on a busy machine that takes a while, and the deadline only bounds a failure.
describe('comparisons over HTTP', { timeout: 180_000 }, () => {
  it('runs a 3 × 3 grid: one seed for every cell, n/a where a model lacks a parameter, all cells filled', async () => {
    stack = await startStack()
    const created = await createComparison(stack, threeByThree())
    expect(created.cells).toHaveLength(9)
    expect(created.estimate).toEqual({ images: 9, knownUsd: 0.024, unknownImages: 6 })
    expect(created.spec.title).toBe('Model × Steps · a lighthouse on a basalt cliff at dusk')

    const done = await settleComparison(stack, created.id)
    expect(done.cells.map((c) => c.state)).toEqual(Array(9).fill('completed'))
    expect(new Set(done.cells.map((c) => c.params.seed))).toEqual(new Set([created.spec.seed]))
    for (const cell of done.cells) {
      expect(cell.image?.thumbUrl).toMatch(/^\/api\/images\/.+\/thumb$/)
      expect(cell.image?.comparisonId).toBe(created.id)
      expect(cell.na).toEqual(cell.model === 'z-image-turbo' ? ['guidance_scale'] : [])
    }
    // What reached the gateway: nine jobs, no guidance for Z-Image, the shared seed everywhere.
    const sent = stack.sim.control.submissions()
    expect(sent).toHaveLength(9)
    expect(sent.filter((s) => s.model === 'z-image-turbo').every((s) => !('guidance_scale' in s.body))).toBe(true)
    expect(new Set(sent.map((s) => s.body.seed))).toEqual(new Set([created.spec.seed]))

    // Its images are in the gallery too, linked back to the comparison.
    const gallery = await (await stack.api('/api/images?limit=50')).json()
    expect(gallery.items.filter((i: { comparisonId: string }) => i.comparisonId === created.id)).toHaveLength(9)
    const list = await (await stack.api('/api/comparisons')).json()
    expect(list.items[0]).toMatchObject({ id: created.id, cells: 9, completed: 9, failed: 0, active: 0 })
    expect(list.limits).toEqual({ maxImages: 100, confirmImages: 16 })
  })

  it('runs a grid with out-of-range cells: those are never sent nor billed, the rest complete', async () => {
    stack = await startStack()
    const created = await createComparison(stack, threeByThree({ axes: { x: THREE_MODELS, y: { param: 'num_inference_steps', values: [4, 12] } } }))
    const skipped = created.cells.filter((c) => c.state === 'out_of_range')
    expect(skipped.map((c) => c.model)).toEqual(['z-image-turbo'])
    expect(skipped[0]!.outOfRange).toBe('Z-Image Turbo: Steps must be between 1 and 8')
    expect(created.estimate.images).toBe(5)
    const done = await settleComparison(stack, created.id)
    expect(done.cells.map((c) => c.state)).toEqual(['completed', 'completed', 'completed', 'completed', 'completed', 'out_of_range'])
    expect(generateCalls(stack)).toHaveLength(5)
    expect(done.cells[5]!.jobId).toBeNull()
  })

  it("clamps out-of-range cells to the model's range when asked: they are sent with the nearest allowed value", async () => {
    stack = await startStack()
    const created = await createComparison(
      stack,
      threeByThree({ axes: { x: THREE_MODELS, y: { param: 'num_inference_steps', values: [4, 12] } }, outOfRange: 'clamp' }),
    )
    expect(created.spec.outOfRange).toBe('clamp')
    expect(created.cells.map((c) => c.state).includes('out_of_range')).toBe(false)
    expect(created.cells.map((c) => c.params.num_inference_steps)).toEqual([4, 4, 4, 12, 12, 8])
    const done = await settleComparison(stack, created.id)
    expect(done.cells.map((c) => c.state)).toEqual(Array(6).fill('completed'))
    const zImage = stack.sim.control.submissions().filter((s) => s.model === 'z-image-turbo')
    expect(zImage.map((s) => s.body.num_inference_steps).sort()).toEqual([4, 8])

    const bad = await stack.api('/api/comparisons', { method: 'POST', json: threeByThree({ outOfRange: 'round' as never }) })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.message).toBe('outOfRange must be one of skip, clamp')
  })

  it('refuses a grid where every cell is out of range, before anything is sent upstream', async () => {
    stack = await startStack()
    const res = await stack.api('/api/comparisons', {
      method: 'POST',
      json: threeByThree({
        model: 'z-image-turbo',
        params: { prompt: 'a lighthouse' },
        axes: { x: { param: 'num_inference_steps', values: [12, 16] } },
      }),
    })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error.message).toBe('cell (X: steps 12): Steps must be between 1 and 8 (and 1 more)')
    expect(body.error.fields.x).toMatch(/^Nothing would run/)
    expect((await (await stack.api('/api/comparisons')).json()).items).toEqual([])
  })

  it('refuses a run over the cap, and one over the confirmation threshold unless confirmed', async () => {
    stack = await startStack({ env: { COMPARE_MAX_IMAGES: '8', COMPARE_CONFIRM_IMAGES: '4' } })
    const tooBig = await stack.api('/api/comparisons', { method: 'POST', json: threeByThree() })
    expect(tooBig.status).toBe(400)
    expect((await tooBig.json()).error.message).toMatch(/has 9 cells; the limit is 8 images/)

    const six = threeByThree({ axes: { x: THREE_MODELS, y: { param: 'num_inference_steps', values: [4, 8] } } })
    const unconfirmed = await stack.api('/api/comparisons', { method: 'POST', json: six })
    expect(unconfirmed.status).toBe(400)
    expect((await unconfirmed.json()).error.fields).toHaveProperty('confirm')
    expect(generateCalls(stack)).toHaveLength(0)
    const confirmed = await createComparison(stack, { ...six, confirm: true })
    expect(confirmed.cells).toHaveLength(6)
  })

  it('re-runs a failed cell alone', async () => {
    stack = await startStack({ env: { PIXAZO_MAX_IN_FLIGHT: '1' } })
    stack.sim.control.failJob('next', { outcome: 'FAILED', message: 'Prompt failed safety check. Please refine your input.' })
    const created = await createComparison(stack, threeByThree({ axes: { x: THREE_MODELS } }))
    const first = await settleComparison(stack, created.id)
    expect(first.cells.map((c) => c.state)).toEqual(['failed', 'completed', 'completed'])
    expect(first.cells[0]!.error?.message).toBe('Prompt failed safety check. Please refine your input.')

    const refused = await stack.api(`/api/comparisons/${created.id}/rerun`, { method: 'POST', json: { cells: [1] } })
    expect(refused.status).toBe(409)
    const rerun = await stack.api(`/api/comparisons/${created.id}/rerun`, { method: 'POST', json: { cells: [0] } })
    expect(rerun.status).toBe(200)
    const after = await settleComparison(stack, created.id)
    expect(after.cells.map((c) => c.state)).toEqual(['completed', 'completed', 'completed'])
    expect(after.cells[0]!.jobId).not.toBe(first.cells[0]!.jobId)
    expect(after.cells.slice(1).map((c) => c.jobId)).toEqual(first.cells.slice(1).map((c) => c.jobId))
    expect(generateCalls(stack)).toHaveLength(4)
    const job = await (await stack.api(`/api/jobs/${after.cells[0]!.jobId}`)).json()
    expect(job.retryOf).toBe(first.cells[0]!.jobId)
  })

  it('cancels: cells not yet created are dropped and jobs still waiting are cancelled', async () => {
    stack = await startStack({ env: { PIXAZO_MAX_IN_FLIGHT: '1' } })
    const created = await createComparison(stack, threeByThree())
    // With one job upstream at a time the feeder has made two jobs, and seven cells have none yet.
    expect(created.cells.filter((c) => c.state === 'pending')).toHaveLength(7)
    const res = await stack.api(`/api/comparisons/${created.id}/cancel`, { method: 'POST' })
    expect(res.status).toBe(200)
    const cancelled: Comparison = await res.json()
    expect(cancelled.cancelledAt).not.toBeNull()
    const done = await settleComparison(stack, created.id)
    const states = done.cells.map((c) => c.state)
    expect(states.filter((s) => s === 'completed').length).toBeLessThanOrEqual(1)
    expect(states.filter((s) => s === 'cancelled')).toHaveLength(states.length - states.filter((s) => s === 'completed').length)
    // Nothing is left that could still be sent: no job of the server's is active.
    const { items }: { items: { status: string }[] } = await (await stack.api('/api/jobs?limit=200')).json()
    expect(items.filter((j) => isActive(j.status as JobStatus))).toEqual([])
    expect(generateCalls(stack).length).toBeLessThanOrEqual(1)
  })

  it('keeps the permalink after a restart, and finishes cells left unsent by one', async () => {
    stack = await startStack({ env: { PIXAZO_MAX_IN_FLIGHT: '1' } })
    const created = await createComparison(stack, threeByThree({ axes: { x: THREE_MODELS, y: STEPS_468 } }))
    await stack.restart()
    const done = await settleComparison(stack, created.id, 150_000)
    expect(done.cells.filter((c) => c.state === 'completed').length).toBeGreaterThanOrEqual(7)
    // Nothing was sent twice: one generate request per job, one job per cell.
    const jobs = new Set(done.cells.map((c) => c.jobId))
    expect(generateCalls(stack).length).toBeLessThanOrEqual(jobs.size)

    await stack.restart()
    const reopened = await getComparison(stack, created.id)
    expect(reopened).toEqual(done)
    const thumb = await stack.api(reopened.cells.find((c) => c.image)!.image!.thumbUrl)
    expect(thumb.status).toBe(200)
  })

  it('answers 404 for an unknown comparison and 400 for a bad body, naming the field', async () => {
    stack = await startStack()
    expect((await stack.api('/api/comparisons/nope')).status).toBe(404)
    const res = await stack.api('/api/comparisons', { method: 'POST', json: { model: 'ernie-image', params: {}, axes: { w: {} } } })
    expect(res.status).toBe(400)
    expect((await res.json()).error.fields).toHaveProperty('axes.w')
  })
})

describe('comparisons and the runner', { timeout: 180_000 }, () => {
  it("send every cell through the runner's in-flight cap", async () => {
    stack = await startStack({ env: { PIXAZO_MAX_IN_FLIGHT: '3', COMPARE_CONFIRM_IMAGES: '100' } })
    const created = await createComparison(stack, {
      model: 'z-image-turbo',
      params: { prompt: 'a fox' },
      axes: { x: { param: 'seed', values: [1, 2, 3, 4, 5, 6] }, y: { param: 'num_inference_steps', values: [2, 4, 6, 8] } },
    })
    let most = 0
    for (;;) {
      const jobs = (await (await stack.api('/api/jobs?limit=200')).json()).items as { status: string }[]
      most = Math.max(most, jobs.filter((j) => ['submitting', 'queued', 'processing'].includes(j.status)).length)
      const c = await getComparison(stack, created.id)
      if (c.cells.every((cell) => cell.state === 'completed')) break
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(most).toBeGreaterThan(0)
    expect(most).toBeLessThanOrEqual(3)
    expect(generateCalls(stack)).toHaveLength(24)
  })
})
