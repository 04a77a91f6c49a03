import { randomUUID } from 'node:crypto'
import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { collectionBodySchema, promptHistoryQuerySchema, type Collection } from '../../shared/gallery-api'
import { errorBody, validationHook } from '../http-errors'
import type { GalleryStore } from '../db/stores'
import type { ZipTickets } from '../images/zip'

const present = (c: { id: string; name: string; createdAt: number; imageCount: number }): Collection => ({
  ...c,
  createdAt: new Date(c.createdAt).toISOString(),
})
const taken = (name: string) => errorBody(`A collection named "${name}" already exists`, { name: 'a collection with this name already exists' })

export const collectionRoutes = (gallery: GalleryStore) =>
  new Hono()
    .get('/', async (c) => c.json({ items: (await gallery.listCollections()).map(present) }, 200))
    .post('/', zValidator('json', collectionBodySchema, validationHook), async (c) => {
      const { name } = c.req.valid('json')
      if (await gallery.collectionNamed(name)) return c.json(taken(name), 409)
      const row = { id: randomUUID(), name, createdAt: Date.now() }
      await gallery.createCollection(row)
      return c.json(present({ ...row, imageCount: 0 }), 201)
    })
    .patch('/:id', zValidator('json', collectionBodySchema, validationHook), async (c) => {
      const { name } = c.req.valid('json')
      const other = await gallery.collectionNamed(name)
      if (other && other.id !== c.req.param('id')) return c.json(taken(name), 409)
      if (!(await gallery.renameCollection(c.req.param('id'), name))) return c.json(errorBody('No collection with this id'), 404)
      return c.json(present((await gallery.listCollections()).find((x) => x.id === c.req.param('id'))!), 200)
    })
    .delete('/:id', async (c) =>
      (await gallery.deleteCollection(c.req.param('id'))) ? c.body(null, 204) : c.json(errorBody('No collection with this id'), 404),
    )

export const promptRoutes = (gallery: GalleryStore) =>
  new Hono().get('/', zValidator('query', promptHistoryQuerySchema, validationHook), async (c) => {
    const { q, limit } = c.req.valid('query')
    const items = (await gallery.prompts(q, limit)).map((p) => ({ ...p, lastUsedAt: new Date(p.lastUsedAt).toISOString() }))
    return c.json({ items }, 200)
  })

export const downloadRoutes = (zips: ZipTickets) =>
  new Hono().get('/:file{[A-Za-z0-9_-]+\\.zip}', async (c) => {
    const stream = await zips.open(c.req.param('file').replace(/\.zip$/, ''))
    if (!stream) return c.json(errorBody('This download link has expired or was used already; start the download again'), 404)
    return c.body(stream, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="darkroom-${new Date().toISOString().slice(0, 10)}.zip"`,
      'Cache-Control': 'no-store',
    })
  })
