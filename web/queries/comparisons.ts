import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/react-query'
import type { Comparison, CreateComparisonBody } from '../../shared/compare'
import { anyCellActive } from '../../shared/compare-cells'
import type { Image } from '../../shared/api'
import { sendJson } from './client'
import { imageQueries } from './images'
import { isLive } from './live-state'

/** One request a second for the whole grid while any cell runs, however many cells there are. */
export const COMPARISON_POLL_MS = 1000

const completed = (c: Comparison | undefined) => c?.cells.filter((cell) => cell.state === 'completed').length ?? 0
const path = (id: string, rest = '') => `/api/comparisons/${encodeURIComponent(id)}${rest}`

export const comparisonQueries = {
  all: () => ['comparisons'] as const,
  lists: () => [...comparisonQueries.all(), 'list'] as const,
  /** Saved comparisons, newest first, with the size limits the server enforces. */
  list: () =>
    queryOptions({
      queryKey: comparisonQueries.lists(),
      queryFn: ({ signal }) => sendJson('/api/comparisons', (c) => c.comparisonListSchema, { signal }),
    }),
  details: () => [...comparisonQueries.all(), 'detail'] as const,
  /** A comparison with every cell's state: the only query the grid polls. */
  detail: (id: string) =>
    queryOptions({
      queryKey: [...comparisonQueries.details(), id] as const,
      queryFn: async ({ client, queryKey, signal }) => {
        const before = client.getQueryData<Comparison>(queryKey)
        const after = await sendJson(path(id), (c) => c.comparisonSchema, { signal })
        if (before && completed(after) > completed(before)) void client.invalidateQueries({ queryKey: imageQueries.lists() })
        return after
      },
      refetchInterval: (query) => (anyCellActive(query.state.data) && !isLive() ? COMPARISON_POLL_MS : false),
      staleTime: 0,
    }),
  sideBySides: () => [...comparisonQueries.all(), 'images'] as const,
  /** 2–4 images by id, for the side-by-side view. */
  images: (ids: string[]) =>
    queryOptions({
      queryKey: [...comparisonQueries.sideBySides(), ids] as const,
      queryFn: ({ signal }) =>
        sendJson(`/api/comparisons/side-by-side?images=${ids.map(encodeURIComponent).join(',')}`, (c) => c.imageListSchema, { signal }),
      enabled: ids.length >= 2,
    }),
}

/**
 * A favourite set anywhere (the lightbox, the cell dialog, the gallery) shows in every cached grid
 * and side-by-side that holds the image, without re-reading them.
 */
export function setComparisonFavourite(client: QueryClient, ids: ReadonlySet<string>, favourite: boolean) {
  const mark = (image: Image | null) => (image && ids.has(image.id) && image.favourite !== favourite ? { ...image, favourite } : image)
  client.setQueriesData<Comparison>(
    { queryKey: comparisonQueries.details() },
    (c) => c && { ...c, cells: c.cells.map((cell) => ({ ...cell, image: mark(cell.image) })) },
  )
  client.setQueriesData<{ items: Image[] }>(
    { queryKey: comparisonQueries.sideBySides() },
    (list) => list && { ...list, items: list.items.map((i) => mark(i)!) },
  )
}

const settle = (comparison: Comparison, client: QueryClient) => {
  client.setQueryData(comparisonQueries.detail(comparison.id).queryKey, comparison)
  return client.invalidateQueries({ queryKey: comparisonQueries.lists() })
}

export const comparisonMutations = {
  create: () =>
    mutationOptions({
      mutationKey: [...comparisonQueries.all(), 'create'],
      mutationFn: (body: CreateComparisonBody) =>
        sendJson('/api/comparisons', (c) => c.comparisonSchema, { method: 'POST', body: JSON.stringify(body) }),
      onSuccess: (comparison, _body, _result, { client }) => settle(comparison, client),
    }),
  cancel: () =>
    mutationOptions({
      mutationKey: [...comparisonQueries.all(), 'cancel'],
      mutationFn: (id: string) => sendJson(path(id, '/cancel'), (c) => c.comparisonSchema, { method: 'POST' }),
      onSuccess: (comparison, _id, _result, { client }) => settle(comparison, client),
    }),
  rerun: () =>
    mutationOptions({
      mutationKey: [...comparisonQueries.all(), 'rerun'],
      mutationFn: ({ id, cells }: { id: string; cells?: number[] }) =>
        sendJson(path(id, '/rerun'), (c) => c.comparisonSchema, { method: 'POST', body: JSON.stringify(cells ? { cells } : {}) }),
      onSuccess: (comparison, _vars, _result, { client }) => settle(comparison, client),
    }),
}

export const exportUrl = (id: string, z: number | 'all', order: string) => path(id, `/export.png?z=${z}${order === 'xyz' ? '' : `&order=${order}`}`)
