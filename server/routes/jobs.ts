import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { createJobBodySchema, listJobsQuerySchema } from '../../shared/api'
import { errorBody, validationHook } from '../http-errors'
import type { JobService } from '../jobs/service'

const MAX_BODY_BYTES = 64 * 1024

export const jobRoutes = (jobs: JobService) =>
  new Hono()
    .post(
      '/',
      bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json(errorBody('The request body is over the 64 KB limit'), 413) }),
      zValidator('json', createJobBodySchema, validationHook),
      (c) => {
        const { model, params } = c.req.valid('json')
        return c.json(jobs.create(model, params, { actor: c.get('actor') }), 201)
      },
    )
    .get('/', zValidator('query', listJobsQuerySchema, validationHook), (c) =>
      c.json({ items: jobs.list(c.req.valid('query').limit) }, 200),
    )
    .get('/:id', (c) => {
      const job = jobs.get(c.req.param('id'))
      return job ? c.json(job, 200) : c.json(errorBody('No job with this id'), 404)
    })
    .post('/:id/retry', (c) => {
      const job = jobs.retry(c.req.param('id'), c.get('actor'))
      return job ? c.json(job, job.id === c.req.param('id') ? 200 : 201) : c.json(errorBody('No job with this id'), 404)
    })
    .post('/:id/recheck', (c) => {
      const job = jobs.recheck(c.req.param('id'))
      return job ? c.json(job, 200) : c.json(errorBody('No job with this id'), 404)
    })
    .post('/:id/dismiss', (c) => {
      const id = c.req.param('id')
      if (!jobs.get(id)) return c.json(errorBody('No job with this id'), 404)
      if (!jobs.dismiss(id)) return c.json(errorBody('A job still running cannot be dismissed; cancel it or wait for it to finish'), 409)
      return c.body(null, 204)
    })
    .post('/:id/cancel', (c) => {
      const id = c.req.param('id')
      if (!jobs.get(id)) return c.json(errorBody('No job with this id'), 404)
      if (!jobs.cancel(id)) return c.json(errorBody('Only a job still waiting in Darkroom can be cancelled; this one has been sent to Pixazo'), 409)
      return c.json(jobs.get(id)!, 200)
    })
