import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { listImagesQuerySchema } from '../../shared/api'
import {
  bulkActionBodySchema,
  imageTagsBodySchema,
  matchingQuerySchema,
  patchImageBodySchema,
  queryBulkBodySchema,
  zipRequestSchema,
} from '../../shared/gallery-api'
import { normaliseTag } from '../../shared/ratings'
import { errorBody, validationHook } from '../http-errors'
import { decodeCursor, type ImageService } from '../images/service'
import type { ZipTickets } from '../images/zip'

/** Image bytes never change once stored (a re-download rewrites the same result), so they cache forever. */
const IMMUTABLE = 'public, max-age=31536000, immutable'
const NOT_FOUND = errorBody('No image with this id')

export const imageRoutes = (images: ImageService, zips: ZipTickets) =>
  new Hono()
    .get('/', zValidator('query', listImagesQuerySchema, validationHook), async (c) => {
      const { limit, cursor, q, sort } = c.req.valid('query')
      const after = cursor === undefined ? undefined : decodeCursor(cursor)
      if (after === null) return c.json(errorBody('cursor is not valid', { cursor: 'cursor is not valid' }), 400)
      return c.json(await images.page({ q, sort, limit, after }), 200)
    })
    .post('/bulk', zValidator('json', bulkActionBodySchema, validationHook), async (c) => c.json(await images.bulk(c.req.valid('json')), 200))
    // Query-wide actions: the server finds the images (docs/decisions/027); the browser never ships their ids.
    .get('/matching', zValidator('query', matchingQuerySchema, validationHook), async (c) =>
      c.json(await images.matching(c.req.valid('query').q), 200),
    )
    .post('/bulk-query', zValidator('json', queryBulkBodySchema, validationHook), async (c) =>
      c.json(await images.bulkByQuery(c.req.valid('json')), 200),
    )
    .post('/zip', zValidator('json', zipRequestSchema, validationHook), async (c) => {
      const body = c.req.valid('json')
      return c.json(await zips.issue('ids' in body ? body.ids : await images.idsForQuery(body.q)), 201)
    })
    .get('/:id', async (c) => {
      const detail = await images.detail(c.req.param('id'))
      return detail ? c.json(detail, 200) : c.json(NOT_FOUND, 404)
    })
    .patch('/:id', zValidator('json', patchImageBodySchema, validationHook), async (c) => {
      const id = c.req.param('id')
      const { favourite, rating } = c.req.valid('json')
      if (favourite !== undefined) await images.bulk({ action: favourite ? 'favourite' : 'unfavourite', ids: [id] })
      if (rating !== undefined) await images.bulk({ action: 'rate', rating, ids: [id] })
      const detail = await images.detail(id)
      return detail ? c.json(detail, 200) : c.json(NOT_FOUND, 404)
    })
    .post('/:id/tags', zValidator('json', imageTagsBodySchema, validationHook), async (c) => {
      const id = c.req.param('id')
      await images.bulk({ action: 'tag', tags: c.req.valid('json').tags, ids: [id] })
      const detail = await images.detail(id)
      return detail ? c.json(detail, 200) : c.json(NOT_FOUND, 404)
    })
    .delete('/:id/tags/:tag', async (c) => {
      const id = c.req.param('id')
      await images.bulk({ action: 'untag', tags: [normaliseTag(c.req.param('tag'))], ids: [id] })
      const detail = await images.detail(id)
      return detail ? c.json(detail, 200) : c.json(NOT_FOUND, 404)
    })
    // Grouped: an ungrouped `file|thumb` in Hono's router regex also matched `filexyz` and served the file.
    .get('/:id/:size{(?:file|thumb)}', async (c) => {
      const file = await images.open(c.req.param('id'), c.req.param('size') as 'file' | 'thumb')
      if (!file) return c.json(NOT_FOUND, 404)
      return c.body(file.body, 200, {
        'Content-Type': file.mimeType,
        'Content-Length': String(file.bytes),
        'Cache-Control': IMMUTABLE,
        'X-Content-Type-Options': 'nosniff',
      })
    })
    .get('/:id/download', async (c) => {
      const file = await images.download(c.req.param('id'))
      if (!file) return c.json(NOT_FOUND, 404)
      return c.body(new Uint8Array(file.bytes), 200, {
        'Content-Type': file.mimeType,
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
        'Cache-Control': 'private, max-age=3600',
        'X-Content-Type-Options': 'nosniff',
      })
    })
    .delete('/:id', async (c) => {
      const result = await images.bulk({ action: 'delete', ids: [c.req.param('id')] })
      return result.affected ? c.json(result, 200) : c.json(NOT_FOUND, 404)
    })
