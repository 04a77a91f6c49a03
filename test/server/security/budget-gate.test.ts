// One budget gate for every route that creates upstream work: a comparison re-run, the Retry of a
// failed comparison cell and parallel submits all stop at the budget, with the figures, over HTTP.
import { afterEach, describe, expect, it } from 'vitest'
import type { Comparison } from '../../../shared/compare'
import type { SpendReport } from '../../../shared/spend'
import { createComparison, generateCalls, getComparison, settleComparison } from '../compare/support'
import { heldSimulator, startStack, type Stack } from '../harness'

let stack: Stack
afterEach(async () => {
  await stack?.close()
})

const submit = (prompt: string) => stack.api('/api/jobs', { method: 'POST', json: { model: 'z-image-turbo', params: { prompt } } })
const spend = async (): Promise<SpendReport> => (await stack.api('/api/spend')).json()
const OVER_DAILY =
  /^Over the daily budget: \$0\.0\d\d spent or reserved so far, this would add \$0\.0\d\d \(\$0\.0\d\d in all\), and the budget is \$0\.050\./

/**
 * Submits Z-Image Turbo jobs ($0.008 each) until the budget refuses one, and waits for those that fitted
 * to finish, so whatever goes upstream afterwards is the test's own; returns how many fitted.
 */
async function fillBudget() {
  const ids: string[] = []
  for (let i = 0; i < 10; i++) {
    const res = await submit(`filler ${i}`)
    if (res.status === 403) {
      await Promise.all(ids.map((id) => stack.settle(id)))
      return i
    }
    expect(res.status).toBe(201)
    ids.push(((await res.json()) as { id: string }).id)
  }
  throw new Error('the budget never refused a submit')
}

const steps = (values: number[]) => ({
  model: 'z-image-turbo' as const,
  params: { prompt: 'a grid' },
  axes: { x: { param: 'num_inference_steps' as const, values } },
})

describe('the budget gate', () => {
  it('refuses to re-run a comparison cancelled early once the budget has filled, with the figures', async () => {
    // One job upstream at a time, held QUEUED until the cancel is in, however slow the machine: the
    // cancel finds at least the last two cells unsent.
    const { sim, clock } = await heldSimulator()
    stack = await startStack({ simulator: sim, env: { DAILY_BUDGET_USD: '0.05', PIXAZO_MAX_IN_FLIGHT: '1' } })
    const grid = await createComparison(stack, steps([2, 4, 6, 8]))
    const cancel = await stack.api(`/api/comparisons/${grid.id}/cancel`, { method: 'POST' })
    expect(cancel.status).toBe(200)
    clock.release()
    const settled = await settleComparison(stack, grid.id)
    const cancelled = settled.cells.filter((c) => c.state === 'cancelled').length
    expect(cancelled).toBeGreaterThanOrEqual(2)

    await fillBudget()
    const before = await spend()
    const sent = generateCalls(stack).length
    const rerun = await stack.api(`/api/comparisons/${grid.id}/rerun`, { method: 'POST', json: {} })
    expect(rerun.status).toBe(403)
    const body = await rerun.json()
    expect(body.error.message).toMatch(OVER_DAILY)
    expect(body.error.message).toContain(
      `$${before.today.usd.toFixed(3)} spent or reserved so far, this would add $${(cancelled * 0.008).toFixed(3)}`,
    )
    expect(body.error.fields).toHaveProperty('budget')

    // Nothing was put back in line: no cell waits for a job, nothing more went upstream, spend is unchanged.
    const after: Comparison = await getComparison(stack, grid.id)
    expect(after.cells.filter((c) => c.state === 'cancelled')).toHaveLength(cancelled)
    expect(after.cells.some((c) => c.state === 'pending')).toBe(false)
    expect((await spend()).today.usd).toBe(before.today.usd)
    expect(generateCalls(stack).length).toBe(sent)
  })

  it('refuses the Retry of a failed comparison cell past the budget, as it refuses any submit', async () => {
    stack = await startStack({ env: { DAILY_BUDGET_USD: '0.05' } })
    stack.sim.control.failJob('next', { outcome: 'FAILED' })
    const grid = await createComparison(stack, steps([4, 8]))
    const settled = await settleComparison(stack, grid.id)
    const failed = settled.cells.find((c) => c.state === 'failed')
    expect(failed?.jobId).toBeTruthy()

    await fillBudget()
    const spent = (await spend()).today.usd
    const retry = await stack.api(`/api/jobs/${failed!.jobId}/retry`, { method: 'POST' })
    expect(retry.status).toBe(403)
    expect((await retry.json()).error.message).toMatch(OVER_DAILY)
    expect((await spend()).today.usd).toBe(spent)
    expect(spent).toBeLessThanOrEqual(0.05)
  })

  it('lets exactly what fits through when submits and comparisons arrive all at once', async () => {
    stack = await startStack({ env: { DAILY_BUDGET_USD: '0.05' } })
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => submit(`parallel ${i}`)),
      ...Array.from({ length: 3 }, () => stack.api('/api/comparisons', { method: 'POST', json: steps([2, 4, 6]) })),
    ])
    const statuses = answers.map((r) => r.status)
    expect(statuses.every((s) => s === 201 || s === 403)).toBe(true)
    const report = await spend()
    expect(report.today.usd).toBeLessThanOrEqual(0.05)
    // Six images fit in $0.05 at $0.008, whichever requests won.
    expect(report.today.usd).toBe(0.048)
  })
})
