import { queryOptions } from '@tanstack/react-query'
import { z } from 'zod'
import { sendJson } from './client'

const sessionSchema = z.object({ required: z.boolean(), signedIn: z.boolean() })

export const authQueries = {
  all: () => ['auth'] as const,
  session: () =>
    queryOptions({
      queryKey: [...authQueries.all(), 'session'] as const,
      queryFn: ({ signal }) => sendJson('/api/auth/session', sessionSchema, { signal }),
      staleTime: 5 * 60_000,
    }),
}
