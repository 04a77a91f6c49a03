import { mutationOptions, queryOptions } from '@tanstack/react-query'
import type { CreateBatchBody } from '../../shared/batch'
import { sendJson } from './client'
import { jobQueries } from './jobs'
import { promptQueries } from './prompts'

export const batchQueries = {
  all: () => ['batches'] as const,
  /** The most prompts a batch may make and the image count above which it is confirmed first. */
  limits: () =>
    queryOptions({
      queryKey: [...batchQueries.all(), 'limits'] as const,
      queryFn: ({ signal }) => sendJson('/api/batches/limits', (c) => c.batchLimitsSchema, { signal }),
      staleTime: Infinity,
    }),
}

export const batchMutations = {
  /** One job per prompt the template makes; the server expands the template again itself. */
  create: () =>
    mutationOptions({
      mutationKey: [...batchQueries.all(), 'create'],
      mutationFn: (body: CreateBatchBody) => sendJson('/api/batches', (c) => c.batchSchema, { method: 'POST', body: JSON.stringify(body) }),
      onSuccess: async (_batch, _body, _result, { client }) => {
        await Promise.all([client.invalidateQueries({ queryKey: jobQueries.lists() }), client.invalidateQueries({ queryKey: promptQueries.all() })])
      },
    }),
}
