// The limits every instance sharing one database shares (decision 021): requests to the gateway per
// second, submits per person per minute, and the wrong-password slowdown.
import { createGatewayLimit } from './gateway'
import { createSignInThrottle } from './sign-in'
import { pruneExpired, type LimitStore } from './store'
import { createSubmitLimit } from './submits'

export type { LimitStore } from './store'

export type LimitSettings = { gatewayPerSecond: number; submitsPerMinute: number }

const PRUNE_EVERY_MS = 5 * 60_000

export function createLimits(store: LimitStore, settings: LimitSettings) {
  // Ran-out counters (an address that guessed once, a person who stopped submitting) are dropped
  // an hour after the fact; the timer never keeps the process alive.
  const prune = setInterval(() => void pruneExpired(store, Date.now() - 3_600_000).catch(() => {}), PRUNE_EVERY_MS)
  prune.unref()
  return {
    gateway: createGatewayLimit(store, settings.gatewayPerSecond),
    submits: createSubmitLimit(store, settings.submitsPerMinute),
    signIn: createSignInThrottle(store),
    /** Stops the pruning; call before the database closes. */
    close: () => clearInterval(prune),
  }
}
