import { mutationOptions, queryOptions } from '@tanstack/react-query'
import { send, sendJson } from './client'
import { imageQueries, staleLists } from './images'

const path = (id: string) => `/api/collections/${encodeURIComponent(id)}`

export const collectionQueries = {
  all: () => ['collections'] as const,
  /** Every collection with its image count, by name. */
  list: () =>
    queryOptions({
      queryKey: [...collectionQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => sendJson('/api/collections', (c) => c.collectionListSchema, { signal }),
    }),
}

type Membership = { collectionId: string; ids: string[] }

/** Collections change what image details say and which images a `collection:` view holds. */
const membership = (action: 'add-to-collection' | 'remove-from-collection') =>
  mutationOptions({
    mutationKey: [...collectionQueries.all(), action],
    mutationFn: ({ collectionId, ids }: Membership) =>
      sendJson('/api/images/bulk', (c) => c.bulkResultSchema, { method: 'POST', body: JSON.stringify({ action, collectionId, ids }) }),
    onSuccess: async (_result, _vars, _context, { client }) => {
      await Promise.all([
        client.invalidateQueries({ queryKey: collectionQueries.all() }),
        client.invalidateQueries({ queryKey: imageQueries.details() }),
        staleLists(client),
      ])
    },
  })

export const collectionMutations = {
  create: () =>
    mutationOptions({
      mutationKey: [...collectionQueries.all(), 'create'],
      mutationFn: (name: string) => sendJson('/api/collections', (c) => c.collectionSchema, { method: 'POST', body: JSON.stringify({ name }) }),
      onSuccess: (_c, _name, _context, { client }) => client.invalidateQueries({ queryKey: collectionQueries.all() }),
    }),
  rename: () =>
    mutationOptions({
      mutationKey: [...collectionQueries.all(), 'rename'],
      mutationFn: ({ id, name }: { id: string; name: string }) =>
        sendJson(path(id), (c) => c.collectionSchema, { method: 'PATCH', body: JSON.stringify({ name }) }),
      onSuccess: async (_c, _vars, _context, { client }) => {
        await Promise.all([
          client.invalidateQueries({ queryKey: collectionQueries.all() }),
          client.invalidateQueries({ queryKey: imageQueries.details() }),
        ])
      },
    }),
  /** Removes the collection only; its images stay in the gallery. */
  delete: () =>
    mutationOptions({
      mutationKey: [...collectionQueries.all(), 'delete'],
      mutationFn: async (id: string) => {
        await send(path(id), { method: 'DELETE' })
      },
      onSuccess: async (_r, _id, _context, { client }) => {
        await Promise.all([
          client.invalidateQueries({ queryKey: collectionQueries.all() }),
          client.invalidateQueries({ queryKey: imageQueries.details() }),
          staleLists(client),
        ])
      },
    }),
  addImages: () => membership('add-to-collection'),
  removeImages: () => membership('remove-from-collection'),
}
