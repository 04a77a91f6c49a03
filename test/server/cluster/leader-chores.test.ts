// The chores that must run once across instances, under the leader lock, on two Darkroom instances
// sharing one PostgreSQL database: the leader feeds comparisons made through any instance, and when
// it closes the other takes over. Decision 026.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator } from '../../../server/simulator/serve'
import { createDatabase } from '../../support/postgres'
import { createComparison, settleComparison, threeByThree } from '../compare/support'
import { FAST_TIMING, startStack, TEST_KEY, type Stack } from '../harness'

let first: Stack
let second: Stack
let firstClosed = false

beforeAll(async () => {
  const url = await createDatabase()
  const sim = await startSimulator({ apiKey: TEST_KEY, port: 0, timing: FAST_TIMING })
  first = await startStack({ simulator: sim, env: { DATABASE_URL: url } })
  second = await startStack({ simulator: sim, env: { DATABASE_URL: url } })
})
afterAll(async () => {
  if (!firstClosed) await first?.close()
  await second?.close()
})

const submissionsOf = (comparisonPrompt: string) => second.sim.control.submissions().filter((s) => s.body.prompt === comparisonPrompt)

describe('chores under the leader lock', { timeout: 180_000 }, () => {
  it('has the first instance lead; a comparison made through the other is fed by it, each cell sent once', async () => {
    expect(first.darkroom.leader.isLeader()).toBe(true)
    expect(second.darkroom.leader.isLeader()).toBe(false)
    const prompt = 'a grid asked of the follower'
    const created = await createComparison(second, threeByThree({ params: { prompt, guidance_scale: 5 } }))
    const done = await settleComparison(second, created.id)
    expect(done.cells.map((c) => c.state)).toEqual(Array(9).fill('completed'))
    expect(submissionsOf(prompt)).toHaveLength(9)
  })

  it('hands the chores to the other instance when the leader closes', async () => {
    await first.darkroom.close()
    firstClosed = true
    await expect.poll(() => second.darkroom.leader.isLeader(), { timeout: 60_000 }).toBe(true)
    const prompt = 'a grid after the hand-over'
    const created = await createComparison(second, threeByThree({ params: { prompt, guidance_scale: 5 } }))
    const done = await settleComparison(second, created.id)
    expect(done.cells.map((c) => c.state)).toEqual(Array(9).fill('completed'))
    expect(submissionsOf(prompt)).toHaveLength(9)
  })
})
