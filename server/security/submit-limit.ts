// A per-person limit on submits (jobs, retries, comparisons), so one script or tab cannot drain the
// balance in a loop. Sliding one-minute window; the refusal says when to try again.
import type { MiddlewareHandler } from 'hono'
import { TooMany } from '../errors'

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

export function submitLimit(perMinute: number): MiddlewareHandler {
  const seen = new Map<string, number[]>()
  return async (c, next) => {
    if (c.req.method !== 'POST') return next()
    const now = Date.now()
    for (const [person, times] of seen) if (times.at(-1)! <= now - 60_000) seen.delete(person)
    const actor = c.get('actor') ?? 'local'
    const recent = (seen.get(actor) ?? []).filter((t) => t > now - 60_000)
    if (recent.length >= perMinute) {
      const wait = Math.ceil((recent[0]! + 60_000 - now) / 1000)
      throw new TooMany(`Too many submits: at most ${perMinute} a minute (SUBMITS_PER_MINUTE). Try again in ${wait} s.`, wait)
    }
    recent.push(now)
    seen.set(actor, recent)
    return next()
  }
}
