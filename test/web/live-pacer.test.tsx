// How soon the page asks again after a live-updates answer that changed something (decision 032).
import { describe, expect, it } from 'vitest'
import { BURST, PACE_MS } from '../../shared/live-updates'
import { createPacer } from '../../web/queries/events'

describe('live-updates pacing', () => {
  it('asks again at once after a few answers, then once a second while they keep coming', () => {
    let now = 0
    const pace = createPacer(() => now)
    expect(Array.from({ length: BURST }, () => pace())).toEqual(Array(BURST).fill(0))
    expect(pace()).toBe(PACE_MS)
    now += PACE_MS
    expect(pace()).toBe(PACE_MS)
    now += PACE_MS
    expect(pace()).toBe(PACE_MS)
  })

  it('never delays a result after a quiet spell, however busy it was before', () => {
    let now = 0
    const pace = createPacer(() => now)
    for (let i = 0; i < 10; i++) pace()
    now += 60_000
    expect(pace()).toBe(0)
  })

  it('lets a person iterate one job at a time without waiting: a 2.5 s job, its result, the next half a second later', () => {
    let now = 0
    const pace = createPacer(() => now)
    const waits: number[] = []
    for (let job = 0; job < 50; job++) {
      waits.push(pace()) // the job appears
      now += 2500
      waits.push(pace()) // its result
      now += 500
    }
    expect(waits.every((w) => w === 0)).toBe(true)
  })

  it('shows a short run of back-to-back 1.2 s jobs at once, and paces a long one to a request a second', () => {
    let now = 0
    const pace = createPacer(() => now)
    const waits: number[] = []
    let requests = 0
    for (let job = 0; job < 20; job++) {
      // The job appears, then its result (the answer carries the newest images): a question each.
      for (const [step, cost] of [
        [1200, 1],
        [250, 1],
      ] as const) {
        const wait = pace(cost)
        waits.push(wait)
        requests += cost
        now += Math.max(wait, step)
      }
    }
    // Three such jobs in a row (a round of the latency bench's 1.2 s jobs) never wait for the page.
    expect(waits.slice(0, 6).every((w) => w === 0)).toBe(true)
    // Over the whole run: no more than the burst plus one request per second.
    expect(requests).toBeLessThanOrEqual(BURST + now / PACE_MS + 2)
    expect(waits.some((w) => w > 0)).toBe(true)
  })

  it('counts the requests an answer caused: one that made the grid and the gallery read again costs three', () => {
    let now = 0
    const pace = createPacer(() => now)
    expect(pace(3)).toBe(0)
    expect(pace(3)).toBe(3000)
    now += 3000
    expect(pace(1)).toBe(1000)
  })
})
