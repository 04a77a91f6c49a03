import { queryOptions } from '@tanstack/react-query'
import { sendJson } from './client'

export const spendQueries = {
  all: () => ['spend'] as const,
  report: () =>
    queryOptions({
      queryKey: [...spendQueries.all(), 'report'] as const,
      queryFn: ({ signal }) => sendJson('/api/spend', (c) => c.spendReportSchema, { signal }),
      refetchInterval: 30_000,
    }),
}
