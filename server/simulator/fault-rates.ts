// Random faults at set probabilities per route. Each route draws from its own seeded PRNG, so a run
// repeats exactly for the same seed and the same sequence of requests on each route, however the
// routes interleave.
import {
  canned,
  DEFAULT_SLOW_MS,
  FAULT_KINDS,
  FAULT_ROUTES,
  kindFitsRoute,
  labelOf,
  type Fault,
  type FaultKind,
  type FaultRoute,
  type TakenFault,
} from './faults'
import { mulberry32 } from '../../shared/prng'

/** Canned answers by name; `5xx` picks 500, 502 or 503 evenly. */
const ANSWER_KEYS = ['429', '429-retry-after', '5xx', '500', '502', '503', '404'] as const
export type RateKey = (typeof ANSWER_KEYS)[number] | FaultKind
/** Probabilities (0–1) per fault for one route; they are exclusive, so they must add up to at most 1. */
export type RouteRates = Partial<Record<RateKey, number>>

export type FaultRates = {
  /** Seeds the draws (default 1). */
  seed?: number
  /** How long `slow` faults wait (default 2000 ms). */
  slowMs?: number
  /** N in the 429 message "Try again in N seconds" and in Retry-After (default 1). */
  retryAfterSeconds?: number
} & { [R in FaultRoute]?: RouteRates }

/** Draw order: fixed, so the object's key order cannot change which fault a draw lands on. */
const RATE_KEYS: readonly RateKey[] = [...ANSWER_KEYS, ...FAULT_KINDS]

const keyFits = (key: RateKey, route: FaultRoute) => (ANSWER_KEYS as readonly string[]).includes(key) || kindFitsRoute(key as FaultKind, route)

/** Throws a message naming the first bad entry. */
export function checkRates(rates: FaultRates): void {
  for (const [name, n] of Object.entries({ seed: rates.seed, slowMs: rates.slowMs, retryAfterSeconds: rates.retryAfterSeconds })) {
    if (n !== undefined && !(Number.isInteger(n) && n >= 0)) throw new Error(`${name} must be a whole number ≥ 0, got ${n}`)
  }
  for (const route of FAULT_ROUTES) {
    let total = 0
    for (const [key, p] of Object.entries(rates[route] ?? {})) {
      if (!RATE_KEYS.includes(key as RateKey)) throw new Error(`Unknown fault "${key}" for ${route}; one of ${RATE_KEYS.join(', ')}`)
      if (!keyFits(key as RateKey, route)) throw new Error(`Fault "${key}" does not apply to ${route}`)
      if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new Error(`${route}:${key} must be a probability from 0 to 1, got ${p}`)
      total += p
    }
    if (total > 1 + 1e-9) throw new Error(`The ${route} fault rates add up to ${total}, more than 1`)
  }
}

export type RatePicker = { pick(route: FaultRoute): TakenFault | null }

export function createRatePicker(rates: FaultRates): RatePicker {
  checkRates(rates)
  const seed = rates.seed ?? 1
  const slowMs = rates.slowMs ?? DEFAULT_SLOW_MS
  const retryAfter = rates.retryAfterSeconds ?? 1
  const draws = new Map(FAULT_ROUTES.map((route, i) => [route, mulberry32(seed + i * 0x9e3779b9)]))

  const faultFor = (key: RateKey, rand: () => number): Fault => {
    switch (key) {
      case '429':
        return canned.rateLimited(retryAfter, false)
      case '429-retry-after':
        return canned.rateLimited(retryAfter, true)
      case '5xx':
        return canned.serverError(([500, 502, 503] as const)[Math.floor(rand() * 3)])
      case '500':
      case '502':
      case '503':
        return canned.serverError(Number(key) as 500 | 502 | 503)
      case '404':
        return canned.notFound()
      default:
        return key === 'slow' ? { kind: key, delayMs: slowMs } : { kind: key }
    }
  }

  return {
    pick(route) {
      const table = rates[route]
      const rand = draws.get(route)
      if (!table || !rand) return null
      let r = rand()
      for (const key of RATE_KEYS) {
        const p = table[key] ?? 0
        if (r < p) {
          const fault = faultFor(key, rand)
          return { label: labelOf(route, fault), fault }
        }
        r -= p
      }
      return null
    },
  }
}

/** Parses the CLI's `status:429=0.3,generate:5xx=0.1` into per-route rates. */
export function parseRateList(text: string): { [R in FaultRoute]?: RouteRates } {
  const rates: { [R in FaultRoute]?: RouteRates } = {}
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([a-z]+):([a-z0-9-]+)=(.+)$/.exec(item)
    if (!match) throw new Error(`"${item}" is not route:fault=probability`)
    const [, route, key, p] = match as unknown as [string, FaultRoute, RateKey, string]
    if (!FAULT_ROUTES.includes(route)) throw new Error(`unknown route "${route}" in "${item}"; one of ${FAULT_ROUTES.join(', ')}`)
    const value = p.trim() === '' ? NaN : Number(p)
    rates[route] = { ...rates[route], [key]: value }
  }
  checkRates(rates)
  return rates
}
