// A per-person limit on submits (jobs, retries, comparisons), so one script or tab cannot drain the
// balance in a loop; shared by all instances. A one-minute window from a person's first submit in it
// (rate-limiter-flexible's fixed window); the refusal says when the window ends.
import { RateLimiterRes } from 'rate-limiter-flexible'
import { openLimiter, type LimitStore } from './store'

export type SubmitLimit = {
  perMinute: number
  /** Counts one submit by `actor`; null when it may go ahead, else the seconds until it may. */
  take(actor: string): Promise<number | null>
}

export function createSubmitLimit(store: LimitStore, perMinute: number): SubmitLimit {
  const limiter = openLimiter(store, { keyPrefix: 'submits', points: perMinute, duration: 60 })
  return {
    perMinute,
    async take(actor) {
      try {
        await limiter.consume(actor)
        return null
      } catch (refused) {
        if (!(refused instanceof RateLimiterRes)) throw refused
        return Math.max(1, Math.ceil(refused.msBeforeNext / 1000))
      }
    },
  }
}
