// Live updates for every page: one long-poll (GET /api/events, decision 016) whose answers say what
// changed, and the matching queries are refreshed through their factories. Jobs started in another
// tab, by a script or by a teammate show up on the playground, gallery and compare pages without a
// reload, and an idle page makes about one request every 25 s.
import { hashKey, useQueryClient, type Query, type QueryClient, type QueryKey } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { Events } from '../../shared/events'
import { BURST, PACE_MS } from '../../shared/live-updates'
import { sendJson } from './client'
import { comparisonQueries } from './comparisons'
import { imageQueries } from './images'
import { jobQueries } from './jobs'
import { setLive } from './live-state'
import { queueQueries } from './queue'

const MAX_BACKOFF_MS = 30_000
/** An empty answer sooner than this (a server shutting down) is not a reason to ask again at once. */
const MIN_EMPTY_GAP_MS = 1000

/** At most this many images an answer brings are fetched ahead of rendering (a comparison can finish dozens at once). */
const PRELOAD_MAX = 4

/**
 * Starts fetching the images an answer brings that are not on screen yet (a job's results, the newest
 * thumbnails), so they download while React renders: the request left 12–45 ms after the answer
 * when the <img> asked for it. The <img> then finds them in the page's image cache. Only for lists
 * the page shows (active queries), and not on its first answer, when nothing is on screen yet.
 */
function preload(client: QueryClient, events: Events) {
  const cache = client.getQueryCache()
  const shown = <T>(queryKey: QueryKey) => {
    const query = cache.find({ queryKey, exact: true, type: 'active' })
    return query?.state.data as T | undefined
  }
  const urls: string[] = []
  const jobs = events.jobs && shown<Events['jobs']>(jobQueries.list().queryKey)
  if (events.jobs && jobs) {
    const done = new Set(jobs.items.filter((job) => job.status === 'completed').map((job) => job.id))
    for (const job of events.jobs.items) if (job.status === 'completed' && !done.has(job.id)) urls.push(...job.images.map((image) => image.url))
  }
  const recent = events.recent && shown<Events['recent']>(imageQueries.recent().queryKey)
  if (events.recent && recent) {
    const known = new Set(recent.items.map((image) => image.id))
    for (const image of events.recent.items) if (!known.has(image.id)) urls.push(image.thumbUrl)
  }
  for (const url of urls.slice(0, PRELOAD_MAX)) new Image().src = url
}

/**
 * Applies an answer: sets what it carries, and has the queries it does not carry read again.
 * Returns how many requests those re-reads make (the queries on screen that match).
 */
function apply(client: QueryClient, events: Events): number {
  preload(client, events)
  const stale: QueryKey[] = []
  if (events.jobs) {
    // The answer carries the list and the queue themselves: no second and third request.
    client.setQueryData(jobQueries.list().queryKey, events.jobs)
    stale.push(jobQueries.details())
    if (events.queue) client.setQueryData(queueQueries.state().queryKey, events.queue)
    else stale.push(queueQueries.all())
  }
  if (events.changed.includes('images')) {
    // The newest images come with the answer (the playground's panel); other views read again.
    if (events.recent) client.setQueryData(imageQueries.recent().queryKey, events.recent)
    stale.push(imageQueries.all())
  }
  if (events.changed.includes('comparisons')) stale.push(comparisonQueries.all())
  // An infinite list (the gallery) reads each of its loaded pages again.
  const requestsOf = (data: unknown) => Math.max(1, (data as { pages?: unknown[] } | undefined)?.pages?.length ?? 1)
  // The newest images the answer carried are fresh: only the other image views read again.
  const carried = events.recent ? hashKey(imageQueries.recent().queryKey) : null
  const predicate = (query: Query) => query.queryHash !== carried
  const refetches = stale
    .flatMap((queryKey) => client.getQueryCache().findAll({ queryKey, type: 'active', predicate }))
    .reduce((n, query) => n + requestsOf(query.state.data), 0)
  for (const queryKey of stale) void client.invalidateQueries({ queryKey, predicate })
  return refetches
}

/**
 * Progress alone (queued → processing, a queue position) is worth an answer at most this often: the
 * server holds it that long, while a result, a new job or an edit answers at once (decision 032).
 * The vendor's own playground polls every 3 s.
 */
export const PROGRESS_CALM_MS = 3000

/**
 * How long to wait before asking again after an answer that changed something, given the requests
 * it cost (the next question, plus the queries it made re-read): nothing while they are few (so
 * the next result shows the moment it lands), then about one request per PACE_MS for a busy
 * stream. The server keeps what happened meanwhile for the next answer.
 */
export function createPacer(now: () => number = Date.now) {
  let tokens = BURST
  let at = now()
  return (requests = 1) => {
    const t = now()
    tokens = Math.min(BURST, tokens + (t - at) / PACE_MS) - requests
    at = t
    return tokens >= 0 ? 0 : Math.round(-tokens * PACE_MS)
  }
}

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
  })

async function listen(client: QueryClient, signal: AbortSignal) {
  let after: number | undefined
  let failures = 0
  const pace = createPacer()
  while (!signal.aborted) {
    try {
      const asked = Date.now()
      const query = after === undefined ? '' : `?after=${after}&calm=${PROGRESS_CALM_MS}`
      const events = await sendJson(`/api/events${query}`, (c) => c.eventsSchema, { signal })
      after = events.version
      failures = 0
      setLive(true)
      const refetches = apply(client, events)
      const wait = events.changed.length === 0 ? MIN_EMPTY_GAP_MS - (Date.now() - asked) : pace(1 + refetches)
      if (wait > 0) await pause(wait, signal)
    } catch {
      if (signal.aborted) return
      // Fall back to plain polling until the long-poll answers again: refetching re-arms the intervals.
      setLive(false)
      void client.invalidateQueries({ queryKey: jobQueries.lists() })
      void client.invalidateQueries({ queryKey: queueQueries.all() })
      void client.invalidateQueries({ queryKey: comparisonQueries.details() })
      failures++
      await pause(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failures), signal)
    }
  }
}

/**
 * Keeps every query fresh from the server's change feed. Mount once, at the app's root. An effect
 * because it is a subscription for the page's lifetime, not data a component renders.
 */
export function useLiveUpdates() {
  const client = useQueryClient()
  useEffect(() => {
    const stop = new AbortController()
    void listen(client, stop.signal)
    return () => {
      stop.abort()
      setLive(false)
    }
  }, [client])
}
