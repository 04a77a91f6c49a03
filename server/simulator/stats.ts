// Counters for proving a client's manners: each job submitted once, and the request rate it kept.
// Derived from the recorded requests (the newest 10,000) and submissions since the last reset.
import type { RecordedRequest, Submission } from './control'
import { routeOf, type RequestRoute } from './paths'

export type SimulatorStats = {
  /** Jobs created (accepted and charged, accept-then-* faults included). */
  acceptedSubmissions: number
  /** Jobs created per request_id: 1 each by construction, as every accepted submit mints a new id. */
  submissionsByRequestId: Record<string, number>
  /** Jobs created per prompt: with distinct prompts, a value above 1 is a double spend. */
  submissionsByPrompt: Record<string, number>
  /** Generate calls per prompt that arrived, accepted or not (401, 402, 429, injected faults…). */
  generateCallsByPrompt: Record<string, number>
  requestsByRoute: Record<RequestRoute, number>
  /** Faults delivered, by `route:kind`, or `route:status` for canned answers (`status:429-retry-after`…). */
  faultsInjected: Record<string, number>
  /** Requests the rate limit answered 429. */
  rateLimited: number
  /** The most jobs running upstream at one moment (accepted and not yet finished): a client's in-flight cap. */
  maxJobsAtOnce: number
  /**
   * The most requests that arrived within any sliding window of `ms` (two requests are in one window
   * when they arrived less than `ms` apart), on the given routes: all but media by default.
   */
  maxRequestsInAnyWindow(ms?: number, routes?: readonly RequestRoute[]): number
}

const ALL_BUT_MEDIA: readonly RequestRoute[] = ['generate', 'status', 'legacy', 'other']

function tally(keys: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1
  return counts
}

const promptOf = (body: unknown) =>
  typeof body === 'object' && body !== null && typeof (body as { prompt?: unknown }).prompt === 'string' ? (body as { prompt: string }).prompt : null

/** The most sorted timestamps within any window of `ms`. */
export function maxInWindow(sortedTimes: readonly number[], ms: number): number {
  let best = 0
  let start = 0
  for (let end = 0; end < sortedTimes.length; end++) {
    while (sortedTimes[end]! - sortedTimes[start]! >= ms) start++
    best = Math.max(best, end - start + 1)
  }
  return best
}

/** The most [at, until) spans open at one moment; one ending as another starts do not overlap. */
function maxOverlap(spans: readonly { at: number; until: number }[]): number {
  const edges = spans.flatMap((s) => [
    [s.at, 1],
    [s.until, -1],
  ])
  edges.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!)
  let open = 0
  let best = 0
  for (const [, step] of edges) best = Math.max(best, (open += step!))
  return best
}

export function statsOf(input: {
  requests: readonly RecordedRequest[]
  submissions: readonly Submission[]
  faults: ReadonlyMap<string, number>
  rateLimited: number
}): SimulatorStats {
  const requests = input.requests.map((r) => ({ route: routeOf(r.method, r.path), at: r.at, prompt: promptOf(r.body) }))
  const byRoute: Record<RequestRoute, number> = { generate: 0, status: 0, legacy: 0, media: 0, other: 0 }
  for (const r of requests) byRoute[r.route] += 1
  const generateCalls = requests.filter((r) => r.route === 'generate' && r.prompt !== null)
  return {
    acceptedSubmissions: input.submissions.length,
    submissionsByRequestId: tally(input.submissions.map((s) => s.requestId)),
    submissionsByPrompt: tally(input.submissions.map((s) => promptOf(s.body) ?? '')),
    generateCallsByPrompt: tally(generateCalls.map((r) => r.prompt!)),
    requestsByRoute: byRoute,
    faultsInjected: Object.fromEntries(input.faults),
    rateLimited: input.rateLimited,
    maxJobsAtOnce: maxOverlap(input.submissions),
    maxRequestsInAnyWindow(ms = 1000, routes = ALL_BUT_MEDIA) {
      if (!(ms > 0)) throw new Error('The window must be longer than 0 ms')
      const times = requests.filter((r) => routes.includes(r.route)).map((r) => r.at)
      return maxInWindow(
        times.sort((a, b) => a - b),
        ms,
      )
    },
  }
}
