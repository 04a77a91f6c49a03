// GET /api/events?after=<version>: held until something changes after that version, or ~25 s pass
// (well under the idle timeouts of the proxies the README recommends). Decision 016.
import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import type { MiddlewareHandler } from 'hono'
import { eventsQuerySchema, type ChangeKind, type Events } from '../../shared/events'
import { RECENT_COUNT } from '../../shared/live-updates'
import type { ChangeNotifier } from '../events/notifier'
import type { ImageService } from '../images/service'
import { validationHook } from '../http-errors'
import type { QueueService } from '../jobs/queue'
import type { JobService } from '../jobs/service'

export const HOLD_MS = 25_000
const JOB_LIST_LIMIT = 50

/**
 * Runs `read` once per version and shares its answer with every page asking about that version: a
 * change that wakes N held long-polls costs one read, not N. Only the newest version is kept; a read
 * that fails is forgotten, so the next page tries again.
 */
export function oncePerVersion<T>(read: () => Promise<T>) {
  let last: { version: number; value: Promise<T> } | undefined
  return (version: number): Promise<T> => {
    if (last?.version === version) return last.value
    const entry = { version, value: read() }
    last = entry
    entry.value.catch(() => {
      if (last === entry) last = undefined
    })
    return entry.value
  }
}

export const eventRoutes = (
  notifier: ChangeNotifier,
  jobs: JobService,
  queue: Pick<QueueService, 'read'>,
  images: Pick<ImageService, 'page'>,
  holdMs = HOLD_MS,
) => {
  // Read after the change was numbered, so the answer shows at least that version's state.
  const jobsAndQueue = oncePerVersion(() => Promise.all([jobs.list(JOB_LIST_LIMIT).then((items) => ({ items })), queue.read()]))
  const recentImages = oncePerVersion(async () => {
    const { items, nextCursor, queryErrors } = await images.page({ sort: 'newest', limit: RECENT_COUNT, count: false })
    return { items, nextCursor, queryErrors }
  })
  return new Hono().get('/', zValidator('query', eventsQuerySchema, validationHook), async (c) => {
    const query = c.req.valid('query')
    const after = query.after ?? notifier.version()
    // Not AbortSignal.any([…, AbortSignal.timeout(holdMs)]): the combined signal holds its sources
    // weakly, so after a garbage collection the timeout was gone and an idle page's long-poll was
    // held until the next change instead of ~25 s (seen: none answered in 62 s), past proxies' idle timeouts.
    const hold = new AbortController()
    const timer = setTimeout(() => hold.abort(), holdMs)
    const left = () => hold.abort()
    if (c.req.raw.signal.aborted) hold.abort()
    else c.req.raw.signal.addEventListener('abort', left, { once: true })
    const change = await notifier.wait(after, hold.signal, query.calm).finally(() => {
      clearTimeout(timer)
      c.req.raw.signal.removeEventListener('abort', left)
    })
    const changed = change?.kinds ?? []
    const body: Events = { version: change?.version ?? notifier.version(), changed }
    // What jobs changed moves, the page shows at once from this answer: no second and third request.
    // And the newest images, which the playground shows: a finished job's picture needs no request either.
    const [jobsNow, recent] = await Promise.all([
      changed.includes('jobs') ? jobsAndQueue(body.version) : undefined,
      changed.includes('images') ? recentImages(body.version) : undefined,
    ])
    if (jobsNow) [body.jobs, body.queue] = jobsNow
    if (recent) body.recent = recent
    // Nothing may sit on this answer: no cache, and no proxy buffering (nginx honours the header).
    c.header('Cache-Control', 'no-store')
    c.header('X-Accel-Buffering', 'no')
    // A page listens again at once; while the server shuts down that must not keep its socket open.
    if (notifier.closed()) c.header('Connection', 'close')
    return c.json(body, 200)
  })
}

const KINDS_BY_PATH: [RegExp, ChangeKind[]][] = [
  [/^\/api\/comparisons/, ['comparisons', 'jobs']],
  [/^\/api\/jobs/, ['jobs']],
  [/^\/api\/(images|collections|prompts)/, ['images']],
]

/**
 * A person's own edits through the API (favourites, deletes, collections…) reach other pages at once.
 * Not twice: a job submitted was announced by the job store as it was written, and a second change
 * after it cost every page one more request a job (three instead of two).
 */
export const announceEdits =
  (notifier: ChangeNotifier): MiddlewareHandler =>
  async (c, next) => {
    const before = notifier.version()
    await next()
    if (c.req.method === 'GET' || c.res.status >= 400) return
    const kinds = KINDS_BY_PATH.find(([pattern]) => pattern.test(c.req.path))?.[1]
    if (kinds && !notifier.announcedSince(before, kinds)) await notifier.bump(kinds)
  }
