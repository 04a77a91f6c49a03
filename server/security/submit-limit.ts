// A per-person limit on submits (jobs, retries, comparisons), so one script or tab cannot drain the
// balance in a loop. Sliding one-minute window; the refusal says when to try again.
import type { MiddlewareHandler } from 'hono'
import { errorBody } from '../http-errors'

declare module 'hono' {
  interface ContextVariableMap {
    /** Who is asking: "local", "session 1a2b3c4d" or "token 2". */
    actor: string
  }
}

export function submitLimit(perMinute: number): MiddlewareHandler {
  const seen = new Map<string, number[]>()
  return async (c, next) => {
    if (c.req.method !== 'POST') return next()
    const now = Date.now()
    const actor = c.get('actor') ?? 'local'
    const recent = (seen.get(actor) ?? []).filter((t) => t > now - 60_000)
    if (recent.length >= perMinute) {
      const wait = Math.ceil((recent[0]! + 60_000 - now) / 1000)
      c.header('Retry-After', String(wait))
      return c.json(errorBody(`Too many submits: at most ${perMinute} a minute (SUBMITS_PER_MINUTE). Try again in ${wait} s.`), 429)
    }
    recent.push(now)
    seen.set(actor, recent)
    return next()
  }
}
