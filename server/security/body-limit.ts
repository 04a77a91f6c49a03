// One size limit for every request body, checked before anything parses it: an announced size is
// refused at once, a streamed one (no Content-Length) is cut off as soon as it passes the limit.
// A few routes need more than the default; they are listed here, not scattered over the routes.
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { errorBody } from '../http-errors'

const KB = 1024

/** Larger limits, by path; everything else gets DEFAULT_BODY_BYTES. */
const LARGER: { path: RegExp; bytes: number }[] = [
  // Prompt lists make comparisons larger than a job: 100 prompts of 2,048 characters fit.
  { path: /^\/api\/comparisons\/?$/, bytes: 512 * KB },
  // A batch from a file: up to 1,000 rows with their parameters.
  { path: /^\/api\/batches\/?$/, bytes: 2048 * KB },
  // The gateway's callbacks (their body is ignored, but a gateway may send a whole status).
  { path: /^\/api\/webhooks\//, bytes: 256 * KB },
]
/** A job, a sign-in, 1,000 ids for a bulk action or a zip: all fit in 64 KB. */
const DEFAULT_BODY_BYTES = 64 * KB

// The rest of the body is not read: the connection closes after the answer instead of being reused.
const limited = (bytes: number) =>
  bodyLimit({
    maxSize: bytes,
    onError: (c) => c.json(errorBody(`The request body is over the ${bytes / KB} KB limit`), 413, { Connection: 'close' }),
  })

export function bodyLimits(): MiddlewareHandler {
  const fallback = limited(DEFAULT_BODY_BYTES)
  const larger = LARGER.map((rule) => ({ ...rule, check: limited(rule.bytes) }))
  // A GET or HEAD has no body to read (the routes never read one): Hono's check would make
  // @hono/node-server build a full web Request to look (0.1 ms a request).
  return (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : (larger.find((rule) => rule.path.test(c.req.path))?.check ?? fallback)(c, next)
}
