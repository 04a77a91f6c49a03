// Live updates for every page: one long-poll (GET /api/events, decision 016) whose answers say what
// changed, and the matching queries are refreshed through their factories. Jobs started in another
// tab, by a script or by a teammate show up on the playground, gallery and compare pages without a
// reload, and an idle page makes about one request every 25 s.
import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { Events } from '../../shared/events'
import { sendJson } from './client'
import { comparisonQueries } from './comparisons'
import { imageQueries } from './images'
import { jobQueries } from './jobs'
import { setLive } from './live-state'
import { queueQueries } from './queue'

const MAX_BACKOFF_MS = 30_000
/** An empty answer sooner than this (a server shutting down) is not a reason to ask again at once. */
const MIN_EMPTY_GAP_MS = 1000

/** Applies an answer; true when it made queries read again (a request of their own). */
function apply(client: QueryClient, events: Events): boolean {
  if (events.jobs) {
    // The answer carries the list and the queue themselves: no second and third request.
    client.setQueryData(jobQueries.list().queryKey, events.jobs)
    void client.invalidateQueries({ queryKey: jobQueries.details() })
    if (events.queue) client.setQueryData(queueQueries.state().queryKey, events.queue)
    else void client.invalidateQueries({ queryKey: queueQueries.all() })
  }
  const images = events.changed.includes('images')
  const comparisons = events.changed.includes('comparisons')
  if (images) void client.invalidateQueries({ queryKey: imageQueries.all() })
  if (comparisons) void client.invalidateQueries({ queryKey: comparisonQueries.all() })
  return images || comparisons
}

/**
 * After an answer that changed something, the next question waits so the page stays a polite client
 * while work runs: about one request a second in all (the long-poll plus what it made re-read). The
 * first change after a quiet spell is never delayed; only a busy stream is paced, and the server keeps
 * what happened meanwhile for the next answer.
 */
const paceAfter = (refetched: boolean) => (refetched ? 2000 : 1000)

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
  })

async function listen(client: QueryClient, signal: AbortSignal) {
  let after: number | undefined
  let failures = 0
  while (!signal.aborted) {
    try {
      const asked = Date.now()
      const events = await sendJson(`/api/events${after === undefined ? '' : `?after=${after}`}`, (c) => c.eventsSchema, { signal })
      after = events.version
      failures = 0
      setLive(true)
      const refetched = apply(client, events)
      const gap = events.changed.length === 0 ? MIN_EMPTY_GAP_MS : paceAfter(refetched)
      const waited = Date.now() - asked
      if (waited < gap) await pause(gap - waited, signal)
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
