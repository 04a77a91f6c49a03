import { queryOptions } from '@tanstack/react-query'
import { spendReportSchema } from '../../shared/spend'
import { sendJson } from './client'

export const spendQueries = {
  all: () => ['spend'] as const,
  report: () =>
    queryOptions({
      queryKey: [...spendQueries.all(), 'report'] as const,
      queryFn: ({ signal }) => sendJson('/api/spend', spendReportSchema, { signal }),
      refetchInterval: 30_000,
    }),
}
