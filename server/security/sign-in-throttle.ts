// Slows down wrong passwords per key (a client address, or a browser that has signed in before).
// After the third wrong guess a key waits 1 s, doubling to 5 minutes; counts decay by one a minute
// after the last wrong guess, so an old burst is forgotten. Memory is bounded: decayed keys go, and
// past MAX_KEYS the stalest go first.
const FREE_GUESSES = 3
const MAX_WAIT_MS = 5 * 60_000
const DECAY_MS = 60_000
const MAX_KEYS = 10_000

type Record = { count: number; last: number }

export function createSignInThrottle(now: () => number) {
  const records = new Map<string, Record>()

  const countOf = (r: Record | undefined) => (r ? Math.max(0, r.count - Math.floor((now() - r.last) / DECAY_MS)) : 0)
  const waitAfter = (count: number) => (count >= FREE_GUESSES ? Math.min(1000 * 2 ** (count - FREE_GUESSES), MAX_WAIT_MS) : 0)

  function prune() {
    for (const [key, r] of records) if (countOf(r) === 0) records.delete(key)
    // Map order is insertion order and fail() re-inserts, so the first keys are the stalest.
    for (const key of records.keys()) {
      if (records.size <= MAX_KEYS) break
      records.delete(key)
    }
  }

  return {
    /** Milliseconds this key must still wait before its next guess is looked at; 0 = go ahead. */
    waitMs(key: string) {
      const r = records.get(key)
      return r ? Math.max(0, r.last + waitAfter(r.count) - now()) : 0
    },
    fail(key: string) {
      const count = countOf(records.get(key)) + 1
      records.delete(key)
      records.set(key, { count, last: now() })
      if (records.size > MAX_KEYS) prune()
    },
    succeed(key: string) {
      records.delete(key)
    },
  }
}
