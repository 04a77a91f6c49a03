import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { createJobBodySchema, listJobsQuerySchema } from '../../shared/api'
import { validationHook } from '../http-errors'
import type { JobService } from '../jobs/service'

export const jobRoutes = (jobs: JobService) =>
  new Hono()
    .post('/', zValidator('json', createJobBodySchema, validationHook), async (c) => {
      const { model, params } = c.req.valid('json')
      return c.json(await jobs.create(model, params, { actor: c.get('actor') }), 201)
    })
    .get('/', zValidator('query', listJobsQuerySchema, validationHook), async (c) =>
      c.json({ items: await jobs.list(c.req.valid('query').limit) }, 200),
    )
    .get('/:id', async (c) => c.json(await jobs.get(c.req.param('id')), 200))
    .post('/:id/retry', async (c) => {
      const job = await jobs.retry(c.req.param('id'), c.get('actor'))
      return c.json(job, job.id === c.req.param('id') ? 200 : 201)
    })
    .post('/:id/dismiss', async (c) => {
      await jobs.dismiss(c.req.param('id'))
      return c.body(null, 204)
    })
    .post('/:id/recheck', async (c) => c.json(await jobs.recheck(c.req.param('id')), 200))
    .post('/:id/cancel', async (c) => c.json(await jobs.cancel(c.req.param('id')), 200))
