import { queryOptions } from '@tanstack/react-query'
import { sendJson } from './client'

export const authQueries = {
  all: () => ['auth'] as const,
  session: () =>
    queryOptions({
      queryKey: [...authQueries.all(), 'session'] as const,
      queryFn: ({ signal }) => sendJson('/api/auth/session', (c) => c.sessionSchema, { signal }),
      staleTime: 5 * 60_000,
    }),
}
