// The SQLite schema (rows read back as server/db/stores.ts's types): one row per job (written before the upstream call) and one per stored image.
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import type { JobStatus } from '../../../shared/job-states'
import type { JobParams } from '../stores'

export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    model: text('model').notNull(),
    prompt: text('prompt').notNull(),
    /** The dynamic-prompt template `prompt` was expanded from (shared/dynamic-prompts.ts), if any. */
    promptTemplate: text('prompt_template'),
    params: text('params', { mode: 'json' }).$type<JobParams>().notNull(),
    seed: integer('seed'),
    /** shared/job-states.ts; changed only through JobStore.transition(). */
    status: text('status').$type<JobStatus>().notNull(),
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
    /** Who asked for it: "local", "password" (any session) or "token 2" (for the spend page). */
    createdBy: text('created_by'),
    /** Unguessable per-job token carried in the webhook URL. */
    webhookToken: text('webhook_token'),
    createdAt: integer('created_at').notNull(),
    /** Set when the user dismissed the finished job from the list; the row and its images stay. */
    dismissedAt: integer('dismissed_at'),
    submittedAt: integer('submitted_at'),
    finishedAt: integer('finished_at'),
    updatedAt: integer('updated_at').notNull(),
    /** Place in Darkroom's own queue, 1, 2, 3… as jobs arrive: waiting jobs are sent lowest first (docs/decisions/028). */
    queueRank: integer('queue_rank').notNull().default(0),
    /** The instance working on the job (submitting, polling, downloading) until `leaseUntil` (docs/decisions/025). */
    leaseOwner: text('lease_owner'),
    leaseUntil: integer('lease_until'),
  },
  (t) => [
    index('jobs_status_idx').on(t.status),
    // New jobs join the queue at max(queue_rank) + 1.
    index('jobs_queue_rank_idx').on(t.queueRank),
    index('jobs_created_idx').on(t.createdAt),
    index('jobs_comparison_idx').on(t.comparisonId),
    // `template:` in the gallery query reads only the jobs made from a template.
    index('jobs_prompt_template_idx')
      .on(t.promptTemplate)
      .where(sql`prompt_template is not null`),
  ],
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
    // Copied from the job so every gallery filter is one indexed lookup on this table.
    model: text('model').notNull().default(''),
    seed: integer('seed'),
    steps: integer('steps'),
    guidance: real('guidance'),
    favourite: integer('favourite', { mode: 'boolean' }).notNull().default(false),
    /** 1–5 stars, or null when unrated (docs/decisions/027). */
    rating: integer('rating'),
    /** Set by a delete that can still be undone; files go when the row is purged. */
    deletedAt: integer('deleted_at'),
    /** A stable integer key, 1, 2, 3… in arrival order: the rowid of the image's entry in images_fts. */
    seq: integer('seq'),
    /** The job's comparison, copied by a trigger when the row is inserted (docs/decisions/013). */
    comparisonId: text('comparison_id'),
  },
  (t) => [
    uniqueIndex('images_job_idx').on(t.jobId, t.index),
    index('images_created_idx').on(t.createdAt, t.id),
    // The gallery pages by seq (arrival order): one index per way of narrowing it down, each ending
    // in seq so a page is read in order and the walk stops after one page (docs/decisions/013).
    // None starts with model: with three models the planner would skip-scan it and sort.
    index('images_live_seq_idx')
      .on(t.seq)
      .where(sql`deleted_at is null`),
    index('images_model_seq_idx')
      .on(t.model, t.seq)
      .where(sql`deleted_at is null`),
    index('images_fav_seq_idx')
      .on(t.seq)
      .where(sql`deleted_at is null and favourite = 1`),
    index('images_seed_seq_idx')
      .on(t.seed, t.seq)
      .where(sql`deleted_at is null`),
    index('images_steps_seq_idx')
      .on(t.steps, t.seq)
      .where(sql`deleted_at is null`),
    index('images_guidance_seq_idx')
      .on(t.guidance, t.seq)
      .where(sql`deleted_at is null`),
    // Parameter sweeps filter on both: steps + guidance walk their images in order (docs/decisions/013).
    index('images_steps_guidance_seq_idx')
      .on(t.steps, t.guidance, t.seq)
      .where(sql`deleted_at is null`),
    index('images_size_seq_idx')
      .on(t.width, t.height, t.seq)
      .where(sql`deleted_at is null`),
    index('images_comparison_seq_idx')
      .on(t.comparisonId, t.seq)
      .where(sql`comparison_id is not null`),
    index('images_rating_seq_idx')
      .on(t.rating, t.seq)
      .where(sql`deleted_at is null`),
    // Partial, so the planner never mistakes it for a way to find live images.
    index('images_deleted_idx')
      .on(t.deletedAt)
      .where(sql`deleted_at is not null`),
    uniqueIndex('images_seq_idx').on(t.seq),
  ],
)

/** A saved comparison: its definition (spec JSON, seed resolved) and whether it was cancelled. */
export const comparisons = sqliteTable(
  'comparisons',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    /** JSON of the comparison's definition (shared/compare.ts comparisonSpecSchema), seed included. */
    spec: text('spec').notNull(),
    createdAt: integer('created_at').notNull(),
    cancelledAt: integer('cancelled_at'),
    /** Who asked for it, as jobs.created_by: its cells' spend is theirs. */
    createdBy: text('created_by'),
  },
  (t) => [index('comparisons_created_idx').on(t.createdAt)],
)

/**
 * One row per grid cell. `jobId` is null until the cell's job is created; `pending` says the cell
 * still wants one (cancel clears it). A cell with `sameAs` repeats an earlier cell's request and
 * shows that cell's job instead of paying for its own.
 */
export const comparisonCells = sqliteTable(
  'comparison_cells',
  {
    comparisonId: text('comparison_id')
      .notNull()
      .references(() => comparisons.id),
    index: integer('idx').notNull(),
    x: integer('x').notNull(),
    y: integer('y').notNull(),
    z: integer('z').notNull(),
    model: text('model').notNull(),
    /** JSON of the parameters sent upstream. */
    params: text('params').notNull(),
    /** JSON array of compared parameters the cell's model lacks. */
    na: text('na').notNull(),
    sameAs: integer('same_as'),
    jobId: text('job_id'),
    /** The job this cell's current job re-runs. */
    previousJobId: text('previous_job_id'),
    /** Why the cell's request is outside its model's range: such a cell is never sent nor billed. */
    outOfRange: text('out_of_range'),
    pending: integer('pending', { mode: 'boolean' }).notNull(),
    /** When the cell was last put in line for a job: the day its reserved spend counts on. */
    requestedAt: integer('requested_at'),
  },
  (t) => [primaryKey({ columns: [t.comparisonId, t.index] }), index('comparison_cells_pending_idx').on(t.pending)],
)

/**
 * Spend as running totals: images billed (or reserved) per UTC day, model and person. Kept by
 * triggers in the same transaction as every change to jobs and comparison cells (see migration 0007
 * and docs/decisions/008); dollars are images × price, worked out when read.
 */
export const spendTotals = sqliteTable(
  'spend_totals',
  {
    /** YYYY-MM-DD, UTC. */
    day: text('day').notNull(),
    model: text('model').notNull(),
    person: text('person').notNull(),
    images: integer('images').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.model, t.person] })],
)

/** Named sets of images; an image may be in several. */
export const collections = sqliteTable('collections', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  createdAt: integer('created_at').notNull(),
})

export const imageCollections = sqliteTable(
  'image_collections',
  {
    collectionId: text('collection_id')
      .notNull()
      .references(() => collections.id, { onDelete: 'cascade' }),
    imageId: text('image_id')
      .notNull()
      .references(() => images.id, { onDelete: 'cascade' }),
    addedAt: integer('added_at').notNull(),
    /** The image's seq, so a collection is read in gallery order (docs/decisions/013). */
    imageSeq: integer('image_seq'),
  },
  (t) => [
    primaryKey({ columns: [t.collectionId, t.imageId] }),
    index('image_collections_image_idx').on(t.imageId),
    index('image_collections_seq_idx').on(t.collectionId, t.imageSeq),
  ],
)

/** Free tags on images (docs/decisions/027), with the image's seq so a tag is read in gallery order. */
export const imageTags = sqliteTable(
  'image_tags',
  {
    imageId: text('image_id')
      .notNull()
      .references(() => images.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
    imageSeq: integer('image_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.imageId, t.tag] }), index('image_tags_tag_seq_idx').on(t.tag, t.imageSeq)],
)

/** Every prompt ever submitted, kept when its images are deleted. */
export const promptHistory = sqliteTable(
  'prompt_history',
  {
    prompt: text('prompt').primaryKey(),
    negativePrompt: text('negative_prompt'),
    model: text('model').notNull(),
    uses: integer('uses').notNull(),
    lastUsedAt: integer('last_used_at').notNull(),
  },
  (t) => [index('prompt_history_used_idx').on(t.lastUsedAt)],
)

/** Browser sessions after sign-in. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    /** Which APP_PASSWORD the session was opened with: "salt.scrypt(password, salt)", never the password. */
    passwordTag: text('password_tag'),
  },
  (t) => [index('sessions_expires_idx').on(t.expiresAt)],
)

/** Saved model + parameters (+ a prompt style) under a name. Built-in presets live in shared/presets.ts. */
export const presets = sqliteTable('presets', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  model: text('model').notNull(),
  params: text('params', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  prefix: text('prefix').notNull().default(''),
  suffix: text('suffix').notNull().default(''),
  createdAt: integer('created_at').notNull(),
})

/** Named lists for dynamic prompts (`__name__`). */
export const promptLists = sqliteTable('prompt_lists', {
  name: text('name').primaryKey(),
  entries: text('entries', { mode: 'json' }).$type<string[]>().notNull(),
  updatedAt: integer('updated_at').notNull(),
})

/**
 * The counters behind every limit shared by instances (server/limits/): one row per key, in the shape
 * rate-limiter-flexible's SQLite store reads and writes (`expire` in epoch ms, null = never).
 */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    points: integer('points').notNull().default(0),
    expire: integer('expire'),
  },
  (t) => [index('rate_limits_expire_idx').on(t.expire)],
)

/** One-shot zip download tickets (server/images/zip.ts): any instance may redeem one, once. */
export const zipTickets = sqliteTable(
  'zip_tickets',
  {
    token: text('token').primaryKey(),
    ids: text('ids', { mode: 'json' }).$type<string[]>().notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('zip_tickets_expires_idx').on(t.expiresAt)],
)

/** Darkroom's own queue, one row (id 1): while paused no waiting job is sent (docs/decisions/028). */
export const queueState = sqliteTable('queue_state', {
  id: integer('id').primaryKey(),
  paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
  changedAt: integer('changed_at').notNull(),
})
