// Random faults at set rates, reproducible from a seed.
import { describe, expect, it } from 'vitest'
import type { FaultRates } from '../../../server/simulator/fault-rates'
import { completedJob, PATHS, KEY, requestOn, start } from './support'

type Sim = Awaited<ReturnType<typeof start>>

const STATUS_RATES: FaultRates = {
  seed: 7,
  status: { '429': 0.15, '429-retry-after': 0.15, '5xx': 0.1, reset: 0.03, malformed: 0.03, 'unknown-status': 0.04 },
}

/** What one status poll looked like to the client, in one word. */
async function poll(sim: Sim, job: { id: string; mediaUrl: string }): Promise<string> {
  try {
    const res = await requestOn('status', sim.url, job)
    const text = await res.text()
    if (res.status !== 200) return `${res.status}${res.headers.has('retry-after') ? '+retry-after' : ''}`
    try {
      return JSON.parse(text).status
    } catch {
      return 'malformed'
    }
  } catch {
    return 'reset'
  }
}

async function polls(rates: FaultRates, n: number, between?: (sim: Sim, job: { id: string; mediaUrl: string }) => Promise<unknown>) {
  const sim = await start()
  const job = await completedJob(sim.url)
  sim.control.setFaultRates(rates)
  const seen: string[] = []
  for (let i = 0; i < n; i++) {
    seen.push(await poll(sim, job))
    await between?.(sim, job)
  }
  return { seen, sim }
}

describe('fault rates', () => {
  it('give the same faults for the same seed, and other faults for another seed', async () => {
    const a = await polls(STATUS_RATES, 120)
    const b = await polls(STATUS_RATES, 120)
    const c = await polls({ ...STATUS_RATES, seed: 8 }, 120)
    expect(b.seen).toEqual(a.seen)
    expect(c.seen).not.toEqual(a.seen)
    expect(new Set(a.seen)).toEqual(new Set(['COMPLETED', '429', '429+retry-after', '500', '502', '503', 'reset', 'malformed', 'WARMING_UP']))
  })

  it("draw per route, so another route's traffic does not change a route's faults", async () => {
    const alone = await polls(STATUS_RATES, 60)
    const mixed = await polls({ ...STATUS_RATES, media: { 'wrong-type': 0.5 } }, 60, (sim, job) =>
      requestOn('media', sim.url, job).then((r) => r.arrayBuffer()),
    )
    expect(mixed.seen).toEqual(alone.seen)
    expect(mixed.sim.control.stats().faultsInjected['media:wrong-type']).toBeGreaterThan(0)
  })

  it('strike at about the configured rates', async () => {
    const { seen, sim } = await polls(STATUS_RATES, 400)
    const share = (word: string) => seen.filter((s) => s === word).length / seen.length
    expect(share('429')).toBeCloseTo(0.15, 1)
    expect(share('429+retry-after')).toBeCloseTo(0.15, 1)
    expect(share('500') + share('502') + share('503')).toBeCloseTo(0.1, 1)
    expect(share('COMPLETED')).toBeCloseTo(0.5, 1)
    const counted = sim.control.stats().faultsInjected
    expect(counted['status:429']).toBe(seen.filter((s) => s === '429').length)
    expect(counted['status:reset']).toBe(seen.filter((s) => s === 'reset').length)
  })

  it('use slowMs for slow faults and retryAfterSeconds for 429s', async () => {
    const sim = await start()
    const job = await completedJob(sim.url)
    sim.control.setFaultRates({ status: { slow: 1 }, slowMs: 250, legacy: { '429-retry-after': 1 }, retryAfterSeconds: 4 })
    const started = Date.now()
    expect((await requestOn('status', sim.url, job)).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(240)
    const limited = await requestOn('legacy', sim.url, job)
    expect(limited.headers.get('retry-after')).toBe('4')
    expect(await limited.json()).toEqual({ statusCode: 429, message: 'Rate limit is exceeded. Try again in 4 seconds.' })
  })

  it('come after queued failNext faults, and stop with null or reset', async () => {
    const sim = await start()
    const job = await completedJob(sim.url)
    sim.control.setFaultRates({ status: { '503': 1 } })
    sim.control.failNext('status', { status: 418 })
    expect((await requestOn('status', sim.url, job)).status).toBe(418)
    expect((await requestOn('status', sim.url, job)).status).toBe(503)
    sim.control.setFaultRates(null)
    expect((await requestOn('status', sim.url, job)).status).toBe(200)
    sim.control.setFaultRates({ status: { '503': 1 } })
    sim.control.reset()
    expect((await requestOn('status', sim.url, job)).status).toBe(200)
  })

  it('can be set when the simulator starts', async () => {
    const sim = await start({ faultRates: { generate: { '502': 1 } } })
    expect((await requestOn('generate', sim.url, { id: '', mediaUrl: '' })).status).toBe(502)
  })

  it.each<[string, FaultRates, string]>([
    ['rates adding up to more than 1', { status: { '429': 0.6, '5xx': 0.6 } }, 'add up to 1.2'],
    ['a probability above 1', { media: { truncate: 1.5 } }, 'media:truncate must be a probability'],
    ['a negative probability', { status: { reset: -0.1 } }, 'status:reset must be a probability'],
    ['a fault the route cannot have', { status: { oversized: 0.1 } }, 'does not apply to status'],
    ['accept-then-* off generate', { legacy: { 'accept-then-hang': 0.1 } }, 'does not apply to legacy'],
    ['an unknown fault', { status: { '418': 0.1 } as FaultRates['status'] }, 'Unknown fault "418"'],
    ['a fractional seed', { seed: 1.5, status: { '429': 0.1 } }, 'seed must be a whole number'],
  ])('refuse %s', async (_, rates, message) => {
    const sim = await start()
    expect(() => sim.control.setFaultRates(rates)).toThrow(message)
  })
})

describe('counters under random faults', () => {
  it('show each prompt accepted once while the client retried refused submits', async () => {
    const sim = await start({ faultRates: { seed: 3, generate: { '429': 0.15, '429-retry-after': 0.15, '5xx': 0.1, reset: 0.05 } } })
    const prompts = Array.from({ length: 30 }, (_, i) => `lantern ${i}`)
    for (const prompt of prompts) {
      for (;;) {
        const res = await fetch(sim.url + PATHS['z-image-turbo'], {
          method: 'POST',
          headers: { 'Ocp-Apim-Subscription-Key': KEY, 'Content-Type': 'application/json' },
          body: JSON.stringify({ prompt }),
        }).catch(() => null)
        if (res?.ok) break
      }
    }
    const stats = sim.control.stats()
    expect(stats.acceptedSubmissions).toBe(30)
    expect(stats.submissionsByPrompt).toEqual(Object.fromEntries(prompts.map((p) => [p, 1])))
    const calls = Object.values(stats.generateCallsByPrompt)
    const faults = Object.values(stats.faultsInjected).reduce((a, b) => a + b, 0)
    expect(calls.reduce((a, b) => a + b, 0)).toBe(30 + faults)
    expect(Math.max(...calls)).toBeGreaterThan(1)
    expect(Object.values(stats.submissionsByRequestId)).toEqual(Array(30).fill(1))
  })
})
