// The database: one row per job (written before the upstream call) and one per stored image.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    model: text('model').notNull(),
    prompt: text('prompt').notNull(),
    /** JSON of every parameter sent upstream (defaults filled in, seed resolved). */
    params: text('params').notNull(),
    seed: integer('seed'),
    status: text('status').notNull(),
    upstreamStatus: text('upstream_status'),
    requestId: text('request_id'),
    queuePosition: integer('queue_position'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    errorAction: text('error_action'),
    /** Attempts made at the current step (submit, poll or download); reset when the step changes. */
    attempts: integer('attempts').notNull().default(0),
    /** When the next attempt is due, while waiting out a retry. */
    nextAttemptAt: integer('next_attempt_at'),
    /** Why the job is retrying, in words for the user. */
    retryReason: text('retry_reason'),
    /** After this the job is marked timed out (it can be re-checked). */
    deadlineAt: integer('deadline_at'),
    /** The job this one retries, when the user asked for a retry. */
    retryOf: text('retry_of'),
    /** The comparison this job is a cell of, if any. */
    comparisonId: text('comparison_id'),
    /** Unguessable per-job token carried in the webhook URL. */
    webhookToken: text('webhook_token'),
    createdAt: integer('created_at').notNull(),
    submittedAt: integer('submitted_at'),
    finishedAt: integer('finished_at'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('jobs_status_idx').on(t.status), index('jobs_created_idx').on(t.createdAt), index('jobs_comparison_idx').on(t.comparisonId)],
)

export const images = sqliteTable(
  'images',
  {
    id: text('id').primaryKey(),
    jobId: text('job_id')
      .notNull()
      .references(() => jobs.id),
    index: integer('idx').notNull(),
    fileName: text('file_name').notNull(),
    thumbName: text('thumb_name').notNull(),
    mimeType: text('mime_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('images_job_idx').on(t.jobId, t.index), index('images_created_idx').on(t.createdAt, t.id)],
)

export type JobRow = typeof jobs.$inferSelect
export type ImageRow = typeof images.$inferSelect
