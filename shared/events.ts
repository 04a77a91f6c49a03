// The live-updates contract: GET /api/events?after=<version> answers when something changed since
// that version (or after ~25 s with nothing), saying what changed. Decision 016.
import { z } from 'zod'
import { imagePageSchema, jobListSchema } from './api'
import { queueSchema } from './queue'

export const CHANGE_KINDS = ['jobs', 'images', 'comparisons'] as const
export type ChangeKind = (typeof CHANGE_KINDS)[number]

/** The most calm a page may ask for: well inside the ~25 s hold. */
export const MAX_CALM_MS = 10_000

export const eventsQuerySchema = z.object({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  /**
   * Milliseconds during which progress alone (a job queued, processing, moving up the queue) is not
   * worth an answer; a result, a new job or an edit still answers at once. Decision 032.
   */
  calm: z.coerce.number().int().min(0).max(MAX_CALM_MS).optional(),
})

export const eventsSchema = z.object({
  /** Pass back as `after` to hear the next change. */
  version: z.number().int(),
  changed: z.array(z.enum(CHANGE_KINDS)),
  /** The job list as `GET /api/jobs` gives it, when jobs changed: no second request needed. */
  jobs: jobListSchema.optional(),
  /** The queue as `GET /api/queue` gives it, when jobs changed (a pause, a reorder, a job sent). */
  queue: queueSchema.optional(),
  /** The newest RECENT_COUNT images as `GET /api/images?limit=24` gives them, when images changed. */
  recent: imagePageSchema.optional(),
})
export type Events = z.infer<typeof eventsSchema>
