import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { createBatchBodySchema } from '../../shared/batch'
import type { BatchService } from '../batches/service'
import { validationHook } from '../http-errors'

export const batchRoutes = (batches: BatchService) =>
  new Hono()
    .get('/limits', (c) => c.json(batches.limits(), 200))
    .post('/', zValidator('json', createBatchBodySchema, validationHook), async (c) =>
      c.json(await batches.create(c.req.valid('json'), c.get('actor')), 201),
    )
