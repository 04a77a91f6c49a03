// A per-person limit on submits (jobs, retries, comparisons), so one script or tab cannot drain the
// balance in a loop; the counting is shared by all instances (server/limits/submits.ts).
import type { MiddlewareHandler } from 'hono'
import { TooMany } from '../errors'
import type { SubmitLimit } from '../limits/submits'

declare module 'hono' {
  interface ContextVariableMap {
    /**
     * Who is asking, as one person: "local" without access control, "password" for every session
     * signed in with APP_PASSWORD (signing in again is the same person), "token 2" for a script
     * using the second token in APP_TOKENS.
     */
    actor: string
  }
}

export function submitLimit(limit: SubmitLimit): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next()
    const wait = await limit.take(c.get('actor') ?? 'local')
    if (wait !== null) throw new TooMany(`Too many submits: at most ${limit.perMinute} a minute (SUBMITS_PER_MINUTE). Try again in ${wait} s.`, wait)
    return next()
  }
}
