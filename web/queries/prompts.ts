import { queryOptions } from '@tanstack/react-query'
import { sendJson } from './client'

const LIMIT = 50

export const promptQueries = {
  all: () => ['prompts'] as const,
  /** Prompts used before, newest first; kept after their images are deleted. `q` searches them. */
  history: (q = '') =>
    queryOptions({
      queryKey: [...promptQueries.all(), 'history', { q, limit: LIMIT }] as const,
      queryFn: ({ signal }) => {
        const search = new URLSearchParams({ limit: String(LIMIT) })
        if (q.trim()) search.set('q', q.trim())
        return sendJson(`/api/prompts?${search}`, (c) => c.promptHistoryListSchema, { signal })
      },
      staleTime: 60_000,
    }),
}
