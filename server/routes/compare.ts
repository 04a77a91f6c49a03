import { zValidator } from '@hono/zod-validator'
import { Hono, type Context } from 'hono'
import { createComparisonBodySchema, exportQuerySchema, rerunBodySchema, sideBySideQuerySchema } from '../../shared/compare'
import type { CompareFailure, CompareService } from '../compare/service'
import { errorBody, validationHook } from '../http-errors'

const refuse = (c: Context, f: CompareFailure) => c.json(errorBody(f.message, f.fields), f.status)

export const compareRoutes = (compare: CompareService) =>
  new Hono()
    .get('/', (c) => c.json(compare.list(), 200))
    .post('/', zValidator('json', createComparisonBodySchema, validationHook), (c) => {
      const result = compare.create(c.req.valid('json'))
      return result.ok ? c.json(result.comparison, 201) : refuse(c, result)
    })
    .get('/side-by-side', zValidator('query', sideBySideQuerySchema, validationHook), (c) =>
      c.json({ items: compare.images(c.req.valid('query').images) }, 200),
    )
    .get('/:id', (c) => {
      const comparison = compare.get(c.req.param('id'))
      return comparison ? c.json(comparison, 200) : c.json(errorBody('No comparison with this id'), 404)
    })
    .post('/:id/cancel', (c) => {
      const result = compare.cancel(c.req.param('id'))
      return result.ok ? c.json(result.comparison, 200) : refuse(c, result)
    })
    .post('/:id/rerun', zValidator('json', rerunBodySchema, validationHook), (c) => {
      const result = compare.rerun(c.req.param('id'), c.req.valid('json').cells)
      return result.ok ? c.json(result.comparison, 200) : refuse(c, result)
    })
    .get('/:id/export.png', zValidator('query', exportQuerySchema, validationHook), async (c) => {
      const { z, order } = c.req.valid('query')
      const result = await compare.exportPng(c.req.param('id'), z, order)
      if (!result.ok) return refuse(c, result)
      const name = `comparison-${c.req.param('id').slice(0, 8)}${z === 'all' ? '' : `-z${z}`}.png`
      return c.body(new Uint8Array(result.png), 200, {
        'Content-Type': 'image/png',
        'Content-Disposition': `inline; filename="${name}"`,
        'Cache-Control': 'no-store',
      })
    })
