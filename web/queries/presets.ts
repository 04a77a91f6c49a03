import { mutationOptions, queryOptions } from '@tanstack/react-query'
import type { PresetBody } from '../../shared/presets'
import { send, sendJson } from './client'

export const presetQueries = {
  all: () => ['presets'] as const,
  /** Built-in presets first, then saved ones by name. */
  list: () =>
    queryOptions({
      queryKey: [...presetQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => sendJson('/api/presets', (c) => c.presetListSchema, { signal }),
      staleTime: 60_000,
    }),
  /** Named lists for dynamic prompts. */
  lists: () =>
    queryOptions({
      queryKey: [...presetQueries.all(), 'prompt-lists'] as const,
      queryFn: ({ signal }) => sendJson('/api/prompt-lists', (c) => c.promptListsSchema, { signal }),
      staleTime: 60_000,
    }),
}

const invalidate = {
  onSuccess: (_r: unknown, _v: unknown, _c: unknown, { client }: { client: import('@tanstack/react-query').QueryClient }) =>
    client.invalidateQueries({ queryKey: presetQueries.all() }),
}

export const presetMutations = {
  save: () =>
    mutationOptions({
      mutationKey: [...presetQueries.all(), 'save'],
      mutationFn: (body: PresetBody) => sendJson('/api/presets', (c) => c.presetSchema, { method: 'POST', body: JSON.stringify(body) }),
      ...invalidate,
    }),
  rename: () =>
    mutationOptions({
      mutationKey: [...presetQueries.all(), 'rename'],
      mutationFn: ({ id, name }: { id: string; name: string }) =>
        sendJson(`/api/presets/${encodeURIComponent(id)}`, (c) => c.presetSchema, { method: 'PATCH', body: JSON.stringify({ name }) }),
      ...invalidate,
    }),
  remove: () =>
    mutationOptions({
      mutationKey: [...presetQueries.all(), 'remove'],
      mutationFn: (id: string) => send(`/api/presets/${encodeURIComponent(id)}`, { method: 'DELETE' }),
      ...invalidate,
    }),
  saveList: () =>
    mutationOptions({
      mutationKey: [...presetQueries.all(), 'save-list'],
      mutationFn: ({ name, entries }: { name: string; entries: string[] }) =>
        sendJson(`/api/prompt-lists/${encodeURIComponent(name)}`, (c) => c.promptListSchema, { method: 'PUT', body: JSON.stringify({ entries }) }),
      ...invalidate,
    }),
  removeList: () =>
    mutationOptions({
      mutationKey: [...presetQueries.all(), 'remove-list'],
      mutationFn: (name: string) => send(`/api/prompt-lists/${encodeURIComponent(name)}`, { method: 'DELETE' }),
      ...invalidate,
    }),
  /** A library file (presets and lists) as read from disk; the server checks it all or nothing. */
  importLibrary: () =>
    mutationOptions({
      mutationKey: [...presetQueries.all(), 'import'],
      mutationFn: (file: unknown) => sendJson('/api/presets/import', (c) => c.importResultSchema, { method: 'POST', body: JSON.stringify(file) }),
      ...invalidate,
    }),
}
