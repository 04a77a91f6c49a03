import { infiniteQueryOptions, mutationOptions } from '@tanstack/react-query'
import { imagePageSchema } from '../../shared/api'
import { send, sendJson } from './client'

const PAGE_SIZE = 60

export const imageQueries = {
  all: () => ['images'] as const,
  lists: () => [...imageQueries.all(), 'list'] as const,
  /** Newest first, one page per "Load more". */
  list: () =>
    infiniteQueryOptions({
      queryKey: [...imageQueries.lists(), { limit: PAGE_SIZE }] as const,
      queryFn: ({ pageParam, signal }) => {
        const search = new URLSearchParams({ limit: String(PAGE_SIZE) })
        if (pageParam) search.set('cursor', pageParam)
        return sendJson(`/api/images?${search}`, imagePageSchema, { signal })
      },
      initialPageParam: null as string | null,
      getNextPageParam: (lastPage) => lastPage.nextCursor,
    }),
}

export const imageMutations = {
  delete: () =>
    mutationOptions({
      mutationKey: [...imageQueries.all(), 'delete'],
      mutationFn: async (id: string) => {
        await send(`/api/images/${encodeURIComponent(id)}`, { method: 'DELETE' })
      },
      onSuccess: (_data, _id, _result, { client }) => client.invalidateQueries({ queryKey: imageQueries.lists() }),
    }),
}
