// How soon the page asks again after a live-updates answer that changed something (decision 032).
import { describe, expect, it } from 'vitest'
import { createPacer } from '../../web/queries/events'

describe('live-updates pacing', () => {
  it('asks again at once after a few answers, then once a second while they keep coming', () => {
    let now = 0
    const pace = createPacer(() => now)
    expect([pace(), pace(), pace()]).toEqual([0, 0, 0])
    expect(pace()).toBe(1000)
    now += 1000
    expect(pace()).toBe(1000)
    now += 1000
    expect(pace()).toBe(1000)
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

  it('paces back-to-back 1.2 s jobs once the burst is spent, to one answer a second', () => {
    let now = 0
    const pace = createPacer(() => now)
    const waits: number[] = []
    for (let job = 0; job < 20; job++) {
      for (const step of [1300, 100]) {
        const wait = pace()
        waits.push(wait)
        now += Math.max(wait, step)
      }
    }
    expect(waits.slice(0, 4)).toEqual([0, 0, 0, 0])
    // Over the whole run: no more than the burst plus one answer per second.
    expect(waits.length).toBeLessThanOrEqual(3 + now / 1000 + 1)
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
