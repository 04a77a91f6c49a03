// One limiter for every request to the gateway, submits and polls alike. A sliding window, not a
// token bucket: a bucket that starts full lets 2×N requests land inside one second.
export type RateLimiter = { acquire(): Promise<void> }

/**
 * Spacing kept on top of the window, so requests that travel (or are read) at different speeds still
 * land N to a second: measured arrivals at the simulator bunched by up to ~100 ms under load.
 */
const MARGIN_MS = 200

export function createRateLimiter(perSecond: number, now: () => number = Date.now): RateLimiter {
  const windowMs = 1000 + MARGIN_MS
  const sent: number[] = []
  let chain = Promise.resolve()

  async function wait() {
    for (;;) {
      const t = now()
      while (sent.length && sent[0]! <= t - windowMs) sent.shift()
      if (sent.length < perSecond) {
        sent.push(t)
        return
      }
      await new Promise((r) => setTimeout(r, sent[0]! + windowMs - t))
    }
  }

  return {
    // Callers queue in order, so a burst of polls cannot starve a submit.
    acquire() {
      const turn = chain.then(wait)
      chain = turn.catch(() => {})
      return turn
    },
  }
}
