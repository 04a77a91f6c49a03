// When each running job is looked at, on a clock the test moves by hand.
import { describe, expect, it } from 'vitest'
import { createPollScheduler, durationKey, MIN_GAP_MS } from '../../../server/jobs/poll-scheduler'

const KEY = durationKey('z-image-turbo', { image_size: 'square_hd', num_inference_steps: 8 })
const priors = {
  'z-image-turbo': { medianMs: 3000, sigma: 0.5 },
  'ernie-image-turbo': { medianMs: 4000, sigma: 0.5 },
  'ernie-image': { medianMs: 20_000, sigma: 0.5 },
}

function setup(pollsPerSecond = 4) {
  let t = 0
  const clock = { now: () => t, set: (ms: number) => void (t = ms) }
  const scheduler = createPollScheduler({ pollsPerSecond, now: clock.now, priors })
  return { clock, scheduler }
}

/**
 * Runs jobs that finish at the given times through the scheduler as the runner would: each look at
 * or after its finish ends the job. Returns every look's time and each job's lag after finishing.
 */
function simulate(
  scheduler: ReturnType<typeof createPollScheduler>,
  clock: { set(ms: number): void },
  jobs: { submittedAt: number; finishAt: number }[],
) {
  const due = new Map<number, number>()
  const looks: { job: number; at: number }[] = []
  const lags: number[] = []
  const job = (i: number) => ({ model: 'z-image-turbo' as const, key: KEY, submittedAt: jobs[i]!.submittedAt })
  for (;;) {
    const starting = jobs.findIndex((j, i) => !due.has(i) && !lags[i] && j.submittedAt <= Math.min(...due.values(), Infinity))
    const [next, at] = [...due.entries()].sort((a, b) => a[1] - b[1])[0] ?? [-1, Infinity]
    if (starting >= 0 && jobs[starting]!.submittedAt <= at) {
      clock.set(jobs[starting]!.submittedAt)
      due.set(starting, jobs[starting]!.submittedAt + scheduler.nextDelay(String(starting), job(starting)))
      continue
    }
    if (next < 0) break
    clock.set(at)
    looks.push({ job: next, at })
    if (at >= jobs[next]!.finishAt) {
      scheduler.finished(String(next))
      lags[next] = at - jobs[next]!.finishAt
      due.delete(next)
    } else {
      due.set(next, at + scheduler.nextDelay(String(next), job(next)))
    }
  }
  return { looks, lags }
}

describe('poll scheduler', () => {
  it('looks sparsely early, densely around the expected finish, and backs off after', () => {
    const { clock, scheduler } = setup()
    const gaps: { at: number; gap: number }[] = []
    let at = 0
    while (at < 15_000) {
      clock.set(at)
      const gap = scheduler.nextDelay('a', { model: 'z-image-turbo', key: KEY, submittedAt: 0 })
      gaps.push({ at, gap })
      at += gap
    }
    expect(gaps[0]!.gap).toBeGreaterThan(1000) // nothing is likely in the first second of a 3 s job
    const near = gaps.filter((g) => g.at > 2000 && g.at < 4000)
    expect(Math.max(...near.map((g) => g.gap))).toBeLessThanOrEqual(400)
    expect(Math.min(...near.map((g) => g.gap))).toBe(MIN_GAP_MS)
    const late = gaps.filter((g) => g.at > 10_000)
    expect(Math.min(...late.map((g) => g.gap))).toBeGreaterThan(1000)
  })

  it('learns how long jobs of a kind take, and expects the same of similar jobs of that model', () => {
    const { clock, scheduler } = setup()
    expect(scheduler.expectedMs('z-image-turbo', KEY)).toBe(3000)
    simulate(
      scheduler,
      clock,
      Array.from({ length: 6 }, (_, i) => ({ submittedAt: i * 10_000, finishAt: i * 10_000 + 1200 })),
    )
    expect(scheduler.expectedMs('z-image-turbo', KEY)).toBeGreaterThan(1100)
    expect(scheduler.expectedMs('z-image-turbo', KEY)).toBeLessThan(1500)
    const bigger = durationKey('z-image-turbo', { image_size: { width: 2048, height: 2048 }, num_inference_steps: 8 })
    expect(scheduler.expectedMs('z-image-turbo', bigger)).toBeLessThan(2000) // pulled towards what the model did
    expect(scheduler.expectedMs('ernie-image', durationKey('ernie-image', {}))).toBe(20_000)
  })

  it('once learned, finds a single job within one densest gap (200 ms) of its finish', () => {
    const { clock, scheduler } = setup()
    const jobs = Array.from({ length: 12 }, (_, i) => ({ submittedAt: i * 20_000, finishAt: i * 20_000 + 2400 + ((i * 137) % 400) }))
    const { looks, lags } = simulate(scheduler, clock, jobs)
    for (const lag of lags.slice(4)) expect(lag).toBeLessThanOrEqual(MIN_GAP_MS)
    const perJob = looks.filter((l) => l.job >= 4).length / 8
    expect(perJob).toBeLessThan(8) // and does not hammer the gateway to do it
  })

  it('never books more looks in a second than the budget, however many jobs run', () => {
    const { clock, scheduler } = setup(4)
    const jobs = Array.from({ length: 20 }, (_, i) => ({ submittedAt: i * 50, finishAt: 2000 + ((i * 733) % 3000) }))
    const { looks, lags } = simulate(scheduler, clock, jobs)
    const times = looks.map((l) => l.at).sort((a, b) => a - b)
    for (let i = 0; i + 4 < times.length; i++) expect(times[i + 4]! - times[i]!).toBeGreaterThanOrEqual(1000)
    expect(lags.filter((l) => l !== undefined)).toHaveLength(20)
    // With N jobs near their finish sharing B looks/s, each is seen about every N/B s (decision 015).
    expect(Math.max(...lags)).toBeLessThanOrEqual((20 / 4) * 1000)
  })

  it('spends a crowded budget on the jobs most likely to have finished', () => {
    const { clock, scheduler } = setup(4)
    const job = (submittedAt: number) => ({ model: 'z-image-turbo' as const, key: KEY, submittedAt })
    clock.set(3000)
    // Ten jobs at their expected finish and ten just submitted ask at the same moment.
    const due = Array.from({ length: 20 }, (_, i) => scheduler.nextDelay(String(i), job(i < 10 ? 0 : 3000)))
    const soon = (from: number, to: number) => due.slice(from, to).filter((d) => d <= 2500).length
    expect(soon(0, 10)).toBeGreaterThanOrEqual(8)
    expect(soon(10, 20)).toBe(0)
  })
})
