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
    // A person submits a 1.2 s job a quarter of a second after the last result showed. Each job costs
    // two answers (it appears; its result, which carries the newest images), and after each the page
    // asks again when the pacer lets it: a result that lands before that waits for it.
    let now = 0
    let asksAt = 0
    const pace = createPacer(() => now)
    const resultWaits: number[] = []
    let requests = 0
    const answer = () => {
      asksAt = now + pace()
      requests++
    }
    for (let job = 0; job < 20; job++) {
      const done = now + 1200
      now = Math.max(now, asksAt) // the job appears in the next answer
      answer()
      now = Math.max(done, asksAt) // its result, once the page has asked again
      resultWaits.push(now - done)
      answer()
      now += 250
    }
    // Four such jobs in a row (a four-rounds latency bench of 1.2 s jobs) never wait for the page.
    expect(resultWaits.slice(0, 4)).toEqual([0, 0, 0, 0])
    // A long run is paced: some results wait, and the questions stay within the burst plus one a second.
    expect(resultWaits.some((w) => w > 0)).toBe(true)
    expect(requests).toBeLessThanOrEqual(BURST + asksAt / PACE_MS)
  })

  it('keeps a page under 1.2 questions a second over any 10 s of a busy stream (#11)', () => {
    // Twenty jobs finishing one after another: something is always waiting to be answered.
    let now = 0
    const pace = createPacer(() => now)
    const asked: number[] = []
    while (now < 60_000) {
      asked.push(now)
      now += Math.max(pace(), 50) // the answer comes as soon as the page asks
    }
    for (const from of asked) expect(asked.filter((t) => t >= from && t < from + 10_000).length).toBeLessThanOrEqual(12)
  })

  it('counts the requests an answer caused: one that made the grid and the gallery read again costs three', () => {
    let now = 0
    const pace = createPacer(() => now)
    expect(pace(BURST)).toBe(0)
    expect(pace(3)).toBe(3000)
    now += 3000
    expect(pace(1)).toBe(1000)
  })
})
