// The gateway's completion callbacks. A callback is a hint only: its body is never read, the token in
// the URL must match the job's, and the runner then reads the status from the gateway itself.
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { errorBody } from '../http-errors'
import type { JobService } from '../jobs/service'

export const webhookRoutes = (jobs: JobService) =>
  new Hono().post(
    '/pixazo/:jobId/:token',
    bodyLimit({ maxSize: 256 * 1024, onError: (c) => c.json(errorBody('Callback body is over 256 KB'), 413) }),
    async (c) => {
      // Wrong job and wrong token answer alike, so the route tells a prober nothing.
      if (!(await jobs.acceptWebhook(c.req.param('jobId'), c.req.param('token')))) return c.json(errorBody('Not found'), 404)
      return c.json({ ok: true as const }, 202)
    },
  )
