import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { listImagesQuerySchema } from '../../shared/api'
import { errorBody, validationHook } from '../http-errors'
import { decodeCursor, type ImageService } from '../images/service'

/** Image bytes never change once stored (a re-download rewrites the same result), so they cache forever. */
const IMMUTABLE = 'public, max-age=31536000, immutable'

export const imageRoutes = (images: ImageService) =>
  new Hono()
    .get('/', zValidator('query', listImagesQuerySchema, validationHook), (c) => {
      const { limit, cursor } = c.req.valid('query')
      const after = cursor === undefined ? undefined : decodeCursor(cursor)
      if (after === null) return c.json(errorBody('cursor is not valid', { cursor: 'cursor is not valid' }), 400)
      return c.json(images.page(limit, after), 200)
    })
    .get('/:id/:size{file|thumb}', async (c) => {
      const file = await images.open(c.req.param('id'), c.req.param('size') as 'file' | 'thumb')
      if (!file) return c.json(errorBody('No image with this id'), 404)
      return c.body(file.body, 200, {
        'Content-Type': file.mimeType,
        'Content-Length': String(file.bytes),
        'Cache-Control': IMMUTABLE,
        'X-Content-Type-Options': 'nosniff',
      })
    })
    .get('/:id/download', async (c) => {
      const file = await images.download(c.req.param('id'))
      if (!file) return c.json(errorBody('No image with this id'), 404)
      return c.body(new Uint8Array(file.bytes), 200, {
        'Content-Type': file.mimeType,
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
        'Cache-Control': 'private, max-age=3600',
        'X-Content-Type-Options': 'nosniff',
      })
    })
    .delete('/:id', async (c) => {
      const removed = await images.remove(c.req.param('id'))
      return removed ? c.body(null, 204) : c.json(errorBody('No image with this id'), 404)
    })
