import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { queueMoveBodySchema, queuePauseBodySchema, queueRunNextBodySchema } from '../../shared/queue'
import { validationHook } from '../http-errors'
import type { QueueService } from '../jobs/queue'

export const queueRoutes = (queue: QueueService) =>
  new Hono()
    .get('/', async (c) => c.json(await queue.read(), 200))
    .put('/', zValidator('json', queuePauseBodySchema, validationHook), async (c) => c.json(await queue.setPaused(c.req.valid('json').paused), 200))
    .post('/reorder', zValidator('json', queueMoveBodySchema, validationHook), async (c) => {
      const { id, position } = c.req.valid('json')
      return c.json(await queue.move(id, position), 200)
    })
    .post('/run-next', zValidator('json', queueRunNextBodySchema, validationHook), async (c) =>
      c.json(await queue.runNext(c.req.valid('json').id), 200),
    )
    .post('/cancel-waiting', async (c) => c.json(await queue.cancelWaiting(), 200))
