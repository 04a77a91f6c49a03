import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { createJobBodySchema, listJobsQuerySchema } from '../../shared/api'
import { validationHook } from '../http-errors'
import type { JobService } from '../jobs/service'

export const jobRoutes = (jobs: JobService) =>
  new Hono()
    .post('/', zValidator('json', createJobBodySchema, validationHook), (c) => {
      const { model, params } = c.req.valid('json')
      return c.json(jobs.create(model, params, { actor: c.get('actor') }), 201)
    })
    .get('/', zValidator('query', listJobsQuerySchema, validationHook), (c) => c.json({ items: jobs.list(c.req.valid('query').limit) }, 200))
    .get('/:id', (c) => c.json(jobs.get(c.req.param('id')), 200))
    .post('/:id/retry', (c) => {
      const job = jobs.retry(c.req.param('id'), c.get('actor'))
      return c.json(job, job.id === c.req.param('id') ? 200 : 201)
    })
    .post('/:id/dismiss', (c) => {
      jobs.dismiss(c.req.param('id'))
      return c.body(null, 204)
    })
    .post('/:id/recheck', (c) => c.json(jobs.recheck(c.req.param('id')), 200))
    .post('/:id/cancel', (c) => c.json(jobs.cancel(c.req.param('id')), 200))
