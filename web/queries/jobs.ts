import { mutationOptions, queryOptions } from '@tanstack/react-query'
import type { CreateJobBody, JobList } from '../../shared/api'
import { isActive } from '../../shared/job-states'
import { send, sendJson } from './client'
import { imageQueries } from './images'
import { isLive } from './live-state'
import { promptQueries } from './prompts'

const LIST_LIMIT = 50
/** One list request a second while anything runs, however many jobs are active, unless live updates are on. */
export const POLL_INTERVAL_MS = 1000

// A job waiting out a retry (a full disk, say) is watched too: it resumes on its own.
export const anyActive = (data: JobList | undefined) => data?.items.some((job) => isActive(job.status) || job.retry !== null) ?? false

/** True when a job in `after` is completed but was not completed in `before` (the previous poll). */
function someJobCompleted(before: JobList | undefined, after: JobList) {
  if (!before) return false
  const previous = new Map(before.items.map((job) => [job.id, job.status]))
  return after.items.some((job) => job.status === 'completed' && previous.get(job.id) !== 'completed')
}

export const jobQueries = {
  all: () => ['jobs'] as const,
  lists: () => [...jobQueries.all(), 'list'] as const,
  /**
   * The live queue. It is the only query that polls: per-job polling would multiply requests with
   * the number of jobs. A job that finishes here refreshes the gallery, once, wherever it is shown.
   */
  list: () =>
    queryOptions({
      queryKey: [...jobQueries.lists(), { limit: LIST_LIMIT }] as const,
      queryFn: async ({ client, queryKey, signal }) => {
        const before = client.getQueryData<JobList>(queryKey)
        const after = await sendJson(`/api/jobs?limit=${LIST_LIMIT}`, (c) => c.jobListSchema, { signal })
        if (someJobCompleted(before, after)) void client.invalidateQueries({ queryKey: imageQueries.lists() })
        return after
      },
      refetchInterval: (query) => (anyActive(query.state.data) && !isLive() ? POLL_INTERVAL_MS : false),
    }),
  details: () => [...jobQueries.all(), 'detail'] as const,
  /** One job, fetched once; live status comes from `list()`, which is what keeps polling bounded. */
  detail: (id: string) =>
    queryOptions({
      queryKey: [...jobQueries.details(), id] as const,
      queryFn: ({ signal }) => sendJson(`/api/jobs/${encodeURIComponent(id)}`, (c) => c.jobSchema, { signal }),
    }),
}

const jobAction = (action: 'retry' | 'recheck' | 'cancel') =>
  mutationOptions({
    mutationKey: [...jobQueries.all(), action],
    mutationFn: (id: string) => sendJson(`/api/jobs/${encodeURIComponent(id)}/${action}`, (c) => c.jobSchema, { method: 'POST' }),
    onSuccess: (_job, _id, _result, { client }) => client.invalidateQueries({ queryKey: jobQueries.all() }),
  })

export const jobMutations = {
  /** A new job with the same parameters, or, for a failed download, the same job downloaded again. */
  retry: () => jobAction('retry'),
  /** Asks Pixazo again about a timed-out job. */
  recheck: () => jobAction('recheck'),
  /** Drops a job still waiting in Darkroom's queue. */
  cancel: () => jobAction('cancel'),
  /** Takes a finished job off the list for good (its images stay in the gallery). */
  dismiss: () =>
    mutationOptions({
      mutationKey: [...jobQueries.all(), 'dismiss'],
      mutationFn: async (id: string) => {
        await send(`/api/jobs/${encodeURIComponent(id)}/dismiss`, { method: 'POST' })
      },
      onMutate: (id, { client }) => {
        client.setQueriesData<JobList>({ queryKey: jobQueries.lists() }, (data) => data && { items: data.items.filter((job) => job.id !== id) })
      },
      onSettled: (_r, _e, _id, _result, { client }) => client.invalidateQueries({ queryKey: jobQueries.lists() }),
    }),
  /** The same settings with a new seed, submitted at once: "show me another". */
  reroll: () =>
    mutationOptions({
      mutationKey: [...jobQueries.all(), 'reroll'],
      mutationFn: ({ model, params }: CreateJobBody) => {
        const { seed: _seed, ...rest } = params
        return sendJson('/api/jobs', (c) => c.jobSchema, { method: 'POST', body: JSON.stringify({ model, params: rest }) })
      },
      onSuccess: (_job, _body, _result, { client }) => client.invalidateQueries({ queryKey: jobQueries.lists() }),
    }),
  create: () =>
    mutationOptions({
      mutationKey: [...jobQueries.all(), 'create'],
      mutationFn: (body: CreateJobBody) => sendJson('/api/jobs', (c) => c.jobSchema, { method: 'POST', body: JSON.stringify(body) }),
      onSuccess: async (_job, _body, _result, { client }) => {
        await Promise.all([client.invalidateQueries({ queryKey: jobQueries.lists() }), client.invalidateQueries({ queryKey: promptQueries.all() })])
      },
    }),
}
