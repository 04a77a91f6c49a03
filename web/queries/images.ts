import { infiniteQueryOptions, mutationOptions, queryOptions, type InfiniteData, type QueryClient } from '@tanstack/react-query'
import type { Image, ImagePage } from '../../shared/api'
import type { BulkAction, GalleryPage, ImageDetail, QueryBulkAction } from '../../shared/gallery-api'
import { RECENT_COUNT } from '../../shared/live-updates'
import { sendJson } from './client'
// A cycle, on purpose: both modules only call each other's functions, never at import time.
import { setComparisonFavourite } from './comparisons'

const PAGE_SIZE = 60

export type GalleryView = { q: string; sort: 'newest' | 'oldest' }

const path = (id: string, rest = '') => `/api/images/${encodeURIComponent(id)}${rest}`

export const imageQueries = {
  all: () => ['images'] as const,
  lists: () => [...imageQueries.all(), 'list'] as const,
  /** The newest few, for the playground. */
  recent: () =>
    queryOptions({
      queryKey: [...imageQueries.lists(), 'recent', { limit: RECENT_COUNT }] as const,
      queryFn: ({ signal }) => sendJson(`/api/images?limit=${RECENT_COUNT}`, (c) => c.imagePageSchema, { signal }),
    }),
  /**
   * One gallery view (query + sort), a page at a time by cursor. Refetching re-reads every loaded
   * page, so it is not done on window focus: the view changes when the user changes it.
   */
  search: ({ q, sort }: GalleryView) =>
    infiniteQueryOptions({
      queryKey: [...imageQueries.lists(), 'search', { q, sort, limit: PAGE_SIZE }] as const,
      queryFn: ({ pageParam, signal }) => {
        const search = new URLSearchParams({ limit: String(PAGE_SIZE) })
        if (q) search.set('q', q)
        if (sort !== 'newest') search.set('sort', sort)
        if (pageParam) search.set('cursor', pageParam)
        return sendJson(`/api/images?${search}`, (c) => c.galleryPageSchema, { signal })
      },
      initialPageParam: null as string | null,
      getNextPageParam: (lastPage) => lastPage.nextCursor,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    }),
  details: () => [...imageQueries.all(), 'detail'] as const,
  /** One image with its collections, upstream request id, timings and cost. */
  detail: (id: string) =>
    queryOptions({
      queryKey: [...imageQueries.details(), id] as const,
      queryFn: ({ signal }) => sendJson(path(id), (c) => c.imageDetailSchema, { signal }),
    }),
  /** How many images a query-wide action would touch, counted exactly by the server (up to its cap). */
  matching: (q: string) =>
    queryOptions({
      queryKey: [...imageQueries.all(), 'matching', { q }] as const,
      queryFn: ({ signal }) => sendJson(`/api/images/matching?${new URLSearchParams({ q })}`, (c) => c.matchingCountSchema, { signal }),
      staleTime: 0,
    }),
}

type ListData = InfiniteData<GalleryPage> | ImagePage

/** Applies `change` to every cached list page, so the grid updates without re-reading every page. */
function editLists(client: QueryClient, change: (items: Image[]) => Image[]) {
  client.setQueriesData<ListData>({ queryKey: imageQueries.lists() }, (data) => {
    if (!data) return data
    if ('pages' in data) return { ...data, pages: data.pages.map((page) => ({ ...page, items: change(page.items) })) }
    return { ...data, items: change(data.items) }
  })
}

const setFavourite = (client: QueryClient, ids: string[], favourite: boolean) => {
  const set = new Set(ids)
  editLists(client, (items) => items.map((i) => (set.has(i.id) && i.favourite !== favourite ? { ...i, favourite } : i)))
  setComparisonFavourite(client, set, favourite)
  for (const id of ids) client.setQueryData<ImageDetail>(imageQueries.detail(id).queryKey, (d) => d && { ...d, favourite })
}

const setRating = (client: QueryClient, ids: string[], rating: number | null) => {
  const set = new Set(ids)
  editLists(client, (items) => items.map((i) => (set.has(i.id) && i.rating !== rating ? { ...i, rating } : i)))
  for (const id of ids) client.setQueryData<ImageDetail>(imageQueries.detail(id).queryKey, (d) => d && { ...d, rating })
}

/** Marks lists stale (a filtered view may no longer match) without re-reading them now. */
export const staleLists = (client: QueryClient) => client.invalidateQueries({ queryKey: imageQueries.lists(), refetchType: 'none' })

export const imageMutations = {
  favourite: () =>
    mutationOptions({
      mutationKey: [...imageQueries.all(), 'favourite'],
      mutationFn: ({ id, favourite }: { id: string; favourite: boolean }) =>
        sendJson(path(id), (c) => c.imageDetailSchema, { method: 'PATCH', body: JSON.stringify({ favourite }) }),
      onMutate: ({ id, favourite }, { client }) => setFavourite(client, [id], favourite),
      onError: (_error, { id, favourite }, _result, { client }) => setFavourite(client, [id], !favourite),
      onSuccess: (detail, _vars, _result, { client }) => {
        client.setQueryData(imageQueries.detail(detail.id).queryKey, detail)
        return staleLists(client)
      },
    }),
  /** 1–5 stars on one image, or null to clear; shown at once, put back if the server refuses. */
  rate: () =>
    mutationOptions({
      mutationKey: [...imageQueries.all(), 'rate'],
      mutationFn: ({ id, rating }: { id: string; rating: number | null; was: number | null }) =>
        sendJson(path(id), (c) => c.imageDetailSchema, { method: 'PATCH', body: JSON.stringify({ rating }) }),
      onMutate: ({ id, rating }, { client }) => setRating(client, [id], rating),
      onError: (_error, { id, was }, _result, { client }) => setRating(client, [id], was),
      onSuccess: (detail, _vars, _result, { client }) => {
        client.setQueryData(imageQueries.detail(detail.id).queryKey, detail)
        return staleLists(client)
      },
    }),
  /** Adds tags to one image (the server trims and lower-cases them). */
  addTags: () =>
    mutationOptions({
      mutationKey: [...imageQueries.all(), 'tags'],
      mutationFn: ({ id, tags }: { id: string; tags: string[] }) =>
        sendJson(path(id, '/tags'), (c) => c.imageDetailSchema, { method: 'POST', body: JSON.stringify({ tags }) }),
      onSuccess: (detail, _vars, _result, { client }) => {
        client.setQueryData(imageQueries.detail(detail.id).queryKey, detail)
        return staleLists(client)
      },
    }),
  removeTag: () =>
    mutationOptions({
      mutationKey: [...imageQueries.all(), 'tags'],
      mutationFn: ({ id, tag }: { id: string; tag: string }) =>
        sendJson(path(id, `/tags/${encodeURIComponent(tag)}`), (c) => c.imageDetailSchema, { method: 'DELETE' }),
      onSuccess: (detail, _vars, _result, { client }) => {
        client.setQueryData(imageQueries.detail(detail.id).queryKey, detail)
        return staleLists(client)
      },
    }),
  /**
   * An action on every image matching a gallery query, run by the server (it finds the images);
   * every list and detail is read again afterwards.
   */
  bulkQuery: () =>
    mutationOptions({
      mutationKey: [...imageQueries.all(), 'bulk-query'],
      mutationFn: (action: QueryBulkAction) =>
        sendJson('/api/images/bulk-query', (c) => c.queryBulkResultSchema, { method: 'POST', body: JSON.stringify(action) }),
      onSuccess: (_result, _action, _context, { client }) => client.invalidateQueries({ queryKey: imageQueries.all() }),
    }),
  /**
   * Favourite, delete or restore many images at once (collections have their own mutations). The
   * grid changes at once; deletes can be undone with `restore` until the answer's `undoUntil`.
   */
  bulk: () =>
    mutationOptions({
      mutationKey: [...imageQueries.all(), 'bulk'],
      mutationFn: (action: BulkAction) => sendJson('/api/images/bulk', (c) => c.bulkResultSchema, { method: 'POST', body: JSON.stringify(action) }),
      onSuccess: (_result, action, _context, { client }) => {
        if (action.action === 'favourite' || action.action === 'unfavourite') setFavourite(client, action.ids, action.action === 'favourite')
        if (action.action === 'rate') setRating(client, action.ids, action.rating)
        if (action.action === 'tag' || action.action === 'untag')
          for (const id of action.ids) void client.invalidateQueries({ queryKey: imageQueries.detail(id).queryKey })
        if (action.action === 'delete') {
          const gone = new Set(action.ids)
          editLists(client, (items) => items.filter((i) => !gone.has(i.id)))
          for (const id of action.ids) client.removeQueries({ queryKey: imageQueries.detail(id).queryKey })
        }
        if (action.action === 'restore') return client.invalidateQueries({ queryKey: imageQueries.lists() })
        return staleLists(client)
      },
    }),
  /** Asks for a one-shot zip link; the browser then downloads it as a stream. */
  zip: () =>
    mutationOptions({
      mutationKey: [...imageQueries.all(), 'zip'],
      mutationFn: (what: string[] | { q: string }) =>
        sendJson('/api/images/zip', (c) => c.zipTicketSchema, { method: 'POST', body: JSON.stringify(Array.isArray(what) ? { ids: what } : what) }),
    }),
}
