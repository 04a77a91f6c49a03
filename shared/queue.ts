// Darkroom's own queue: the jobs not yet sent to Pixazo (status `waiting`), in the order they will be
// sent, and whether sending is paused. Reordering and pausing never touch jobs already sent
// (docs/decisions/028-queue-control.md).
import { z } from 'zod'
import { jobSchema } from './api'

/** The most waiting jobs GET /api/queue lists; `count` still says how many there are. */
export const QUEUE_LIST_LIMIT = 200

export const queueSchema = z.object({
  paused: z.boolean(),
  /** When it was last paused or resumed; null if it never was. */
  changedAt: z.string().nullable(),
  /** How many jobs are waiting in all. */
  count: z.number().int(),
  /** The first waiting jobs, next first (localQueuePosition 1, 2, 3…). */
  waiting: z.array(jobSchema),
})
export type Queue = z.infer<typeof queueSchema>

/** Body of PUT /api/queue. */
export const queuePauseBodySchema = z.strictObject({
  paused: z.boolean({ error: 'paused must be true or false' }),
})

const jobId = z
  .string({ error: 'id must be a job id' })
  .min(1, { error: 'id must be a job id' })
  .max(100, { error: 'id must be at most 100 characters' })

/** Body of POST /api/queue/reorder: where a waiting job should go (1 = sent next; past the end = last). */
export const queueMoveBodySchema = z.strictObject({
  id: jobId,
  position: z
    .number({ error: 'position must be a number' })
    .int({ error: 'position must be a whole number' })
    .min(1, { error: 'position must be between 1 and 100000' })
    .max(100_000, { error: 'position must be between 1 and 100000' }),
})
export type QueueMoveBody = z.infer<typeof queueMoveBodySchema>

/** Body of POST /api/queue/run-next. */
export const queueRunNextBodySchema = z.strictObject({ id: jobId })

export const cancelWaitingSchema = z.object({
  /** How many waiting jobs were cancelled. */
  cancelled: z.number().int(),
})
