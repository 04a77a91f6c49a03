// What /api/health says of the database and the image storage. One ping serves every check within
// `cacheMs`, so a busy health endpoint (it is open to everyone) never turns into a stream of queries to
// the database or requests to the bucket; the first failure after a success is logged.
import type { Logger } from './log'

export type Reachability = 'ok' | 'unreachable'

export function createHealthCheck(part: 'database' | 'storage', ping: () => Promise<void>, log: Logger, cacheMs = 2000) {
  let last: { at: number; answer: Promise<Reachability> } | null = null
  let wasOk = true
  return () => {
    const now = Date.now()
    if (!last || now - last.at >= cacheMs) {
      const answer = ping().then(
        (): Reachability => {
          wasOk = true
          return 'ok'
        },
        (err: unknown): Reachability => {
          if (wasOk) log.error(`${part} unreachable`, { error: String(err) })
          wasOk = false
          return 'unreachable'
        },
      )
      last = { at: now, answer }
    }
    return last.answer
  }
}

export type HealthChecks = { database: () => Promise<Reachability>; storage: () => Promise<Reachability> }
