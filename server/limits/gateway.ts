// One limit for every request to the gateway, submits and polls alike, shared by all instances:
// PIXAZO_MAX_RPS is a total. Requests wait their turn rather than fail.
//
// Not N per fixed window: a window that resets lets 2×N requests land inside one second across its edge.
// Instead one request per slot of (1 s + margin) / N, so any second holds at most N starts however the
// instances interleave, and the margin absorbs arrivals bunching on the way (measured up to ~100 ms).
// What the gateway counts is each request as written; the client spaces those too (pixazo/write-pacer.ts).
import { RateLimiterQueue } from 'rate-limiter-flexible'
import type { RateLimiter } from '../pixazo/client'
import { openLimiter, type LimitStore } from './store'

const MARGIN_MS = 200

/** The slot in whole ms, rounded up until `s / 1000 * 1000` is exact (the stores keep whole ms). */
export function slotMs(perSecond: number) {
  let ms = Math.ceil((1000 + MARGIN_MS) / perSecond)
  while (!Number.isInteger((ms / 1000) * 1000)) ms++
  return ms
}

export function createGatewayLimit(store: LimitStore, perSecond: number): RateLimiter {
  const slot = openLimiter(store, { keyPrefix: 'gateway', points: 1, duration: slotMs(perSecond) / 1000 })
  // The queue keeps this instance's callers in order (a burst of polls cannot starve a submit) and,
  // when refused, waits the limiter's msBeforeNext before asking again.
  const queue = new RateLimiterQueue(slot)
  return {
    async acquire() {
      await queue.removeTokens(1)
    },
    // Granted a slot apart is not written a slot apart when the event loop is busy: the client paces its writes too.
    slotMs: slotMs(perSecond),
  }
}
