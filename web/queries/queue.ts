import { mutationOptions, queryOptions } from '@tanstack/react-query'
import type { Queue, QueueMoveBody } from '../../shared/queue'
import { sendJson } from './client'
import { jobQueries, POLL_INTERVAL_MS } from './jobs'
import { isLive } from './live-state'

export const queueQueries = {
  all: () => ['queue'] as const,
  /** Paused or not, and the jobs not yet sent, next first. Live updates refresh it (events.ts). */
  state: () =>
    queryOptions({
      queryKey: [...queueQueries.all(), 'state'] as const,
      queryFn: ({ signal }) => sendJson('/api/queue', (c) => c.queueSchema, { signal }),
      // Without live updates, watch it while jobs wait: they leave as slots free up.
      refetchInterval: (query) => ((query.state.data?.count ?? 0) > 0 && !isLive() ? POLL_INTERVAL_MS : false),
    }),
}

/** The queue with `id` moved to `position`, as the server will answer: shown at once, rolled back on error. */
function moved(queue: Queue, { id, position }: QueueMoveBody): Queue {
  const job = queue.waiting.find((j) => j.id === id)
  if (!job) return queue
  const rest = queue.waiting.filter((j) => j.id !== id)
  rest.splice(Math.min(position, queue.waiting.length) - 1, 0, job)
  return { ...queue, waiting: rest.map((j, i) => ({ ...j, localQueuePosition: i + 1 })) }
}

const post = (path: string, body?: unknown) =>
  sendJson(path, (c) => c.queueSchema, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) })

function queueChange<T>(key: string, mutationFn: (input: T) => Promise<Queue>, optimistic?: (queue: Queue, input: T) => Queue) {
  return mutationOptions({
    mutationKey: [...queueQueries.all(), key],
    mutationFn,
    onMutate: async (input: T, { client }) => {
      if (!optimistic) return undefined
      await client.cancelQueries({ queryKey: queueQueries.state().queryKey })
      const before = client.getQueryData(queueQueries.state().queryKey)
      if (before) client.setQueryData(queueQueries.state().queryKey, optimistic(before, input))
      return before
    },
    onError: (_error, _input, before, { client }) => {
      if (before) client.setQueryData(queueQueries.state().queryKey, before)
    },
    onSuccess: (queue, _input, _before, { client }) => {
      client.setQueryData(queueQueries.state().queryKey, queue)
      return client.invalidateQueries({ queryKey: jobQueries.lists() })
    },
  })
}

export const queueMutations = {
  /** Pause (nothing new is sent) or resume, for every tab and instance. */
  pause: () =>
    queueChange('pause', (paused: boolean) => sendJson('/api/queue', (c) => c.queueSchema, { method: 'PUT', body: JSON.stringify({ paused }) })),
  /** A waiting job to another place (1 = next). 409 when it was sent meanwhile. */
  move: () => queueChange('move', (body: QueueMoveBody) => post('/api/queue/reorder', body), moved),
  /** A waiting job to the front. */
  runNext: () =>
    queueChange(
      'run-next',
      (id: string) => post('/api/queue/run-next', { id }),
      (queue, id) => moved(queue, { id, position: 1 }),
    ),
  /** Every job not yet sent, cancelled at once. */
  cancelWaiting: () =>
    mutationOptions({
      mutationKey: [...queueQueries.all(), 'cancel-waiting'],
      mutationFn: () => sendJson('/api/queue/cancel-waiting', (c) => c.cancelWaitingSchema, { method: 'POST' }),
      onSuccess: (_result, _input, _context, { client }) =>
        Promise.all([client.invalidateQueries({ queryKey: queueQueries.all() }), client.invalidateQueries({ queryKey: jobQueries.lists() })]),
    }),
}
