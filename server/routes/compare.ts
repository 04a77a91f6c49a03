import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { createComparisonBodySchema, exportQuerySchema, rerunBodySchema, sideBySideQuerySchema } from '../../shared/compare'
import type { CompareService } from '../compare/service'
import { validationHook } from '../http-errors'

export const compareRoutes = (compare: CompareService) =>
  new Hono()
    .get('/', async (c) => c.json(await compare.list(), 200))
    .post('/', zValidator('json', createComparisonBodySchema, validationHook), async (c) =>
      c.json(await compare.create(c.req.valid('json'), c.get('actor')), 201),
    )
    .get('/side-by-side', zValidator('query', sideBySideQuerySchema, validationHook), async (c) =>
      c.json({ items: await compare.images(c.req.valid('query').images) }, 200),
    )
    .get('/:id', async (c) => c.json(await compare.get(c.req.param('id')), 200))
    .post('/:id/cancel', async (c) => c.json(await compare.cancel(c.req.param('id')), 200))
    .post('/:id/rerun', zValidator('json', rerunBodySchema, validationHook), async (c) =>
      c.json(await compare.rerun(c.req.param('id'), c.req.valid('json').cells), 200),
    )
    .get('/:id/export.png', zValidator('query', exportQuerySchema, validationHook), async (c) => {
      const { z, order } = c.req.valid('query')
      const png = await compare.exportPng(c.req.param('id'), z, order)
      const name = `comparison-${c.req.param('id').slice(0, 8)}${z === 'all' ? '' : `-z${z}`}.png`
      return c.body(new Uint8Array(png), 200, {
        'Content-Type': 'image/png',
        'Content-Disposition': `inline; filename="${name}"`,
        'Cache-Control': 'no-store',
      })
    })
