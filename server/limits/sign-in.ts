// Slows down wrong passwords per key (a client address, or a browser that has signed in before),
// shared by all instances. After the third wrong guess a key waits 1 s, doubling to 5 minutes; counts
// decay by one a minute after the last wrong guess, so an old burst is forgotten.
//
// Each key is one rate-limiter-flexible record: points = wrong guesses so far, expiring when they have
// all decayed (last guess + count minutes). From that pair the decayed count and the wait follow, so no
// other state is kept and expired records are simply pruned.
import { openLimiter, type LimitStore } from './store'

const FREE_GUESSES = 3
const MAX_WAIT_MS = 5 * 60_000
const DECAY_MS = 60_000

const waitAfter = (count: number) => (count >= FREE_GUESSES ? Math.min(1000 * 2 ** (count - FREE_GUESSES), MAX_WAIT_MS) : 0)

export type SignInAttempt = { ok: true } | { ok: false; retryAfterMs: number | null }

export type SignInThrottle = {
  /**
   * Looks at a guess only when `key` has waited long enough; `check` says whether it is right. A key's
   * attempts run one at a time in this instance, so a burst of parallel guesses is slowed like a series.
   */
  attempt(key: string, check: () => boolean): Promise<SignInAttempt>
}

export function createSignInThrottle(store: LimitStore): SignInThrottle {
  // points/duration are unused: records are only read (get) and written whole (set).
  const records = openLimiter(store, { keyPrefix: 'sign-in', points: 1, duration: DECAY_MS / 1000 })
  const queues = new Map<string, Promise<unknown>>()

  async function look(key: string, check: () => boolean): Promise<SignInAttempt> {
    const record = await records.get(key)
    const count = record?.consumedPoints ?? 0
    const left = record?.msBeforeNext ?? 0
    // The last wrong guess was (count × DECAY_MS − left) ago.
    const wait = record ? left - count * DECAY_MS + waitAfter(count) : 0
    if (wait > 0) return { ok: false, retryAfterMs: wait }
    if (check()) {
      if (record) await records.delete(key)
      return { ok: true }
    }
    const decayed = Math.ceil(left / DECAY_MS) + 1
    await records.set(key, decayed, (decayed * DECAY_MS) / 1000)
    return { ok: false, retryAfterMs: null }
  }

  return {
    attempt(key, check) {
      const turn = (queues.get(key) ?? Promise.resolve()).then(() => look(key, check))
      const settled = turn.catch(() => {})
      queues.set(key, settled)
      void settled.then(() => queues.get(key) === settled && queues.delete(key))
      return turn
    },
  }
}
