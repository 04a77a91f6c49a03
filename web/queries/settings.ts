import { queryOptions } from '@tanstack/react-query'
import { sendJson } from './client'

export const settingsQueries = {
  all: () => ['settings'] as const,
  get: () =>
    queryOptions({
      queryKey: [...settingsQueries.all()] as const,
      queryFn: ({ signal }) => sendJson('/api/settings', (c) => c.settingsSchema, { signal }),
      staleTime: 5 * 60_000,
    }),
}
