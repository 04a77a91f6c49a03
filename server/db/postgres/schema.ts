// The PostgreSQL schema: the same tables, columns and indexes as the SQLite one (server/db/sqlite/schema.ts),
// so both produce the same rows. Epoch-millisecond times are bigints read as numbers; typed JSON is
// jsonb; `seq` is an identity column; prompt search is a generated tsvector on jobs, copied to each
// image and GIN-indexed there, and the spend triggers are PL/pgSQL (hand-written at the end of the
// migrations; docs/decisions/019).
import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core'
import type { JobStatus } from '../../../shared/job-states'
import type { JobParams } from '../stores'

/** Epoch milliseconds: past 2^31, so a bigint, read as a JS number (exact below 2^53). */
const ms = (name: string) => bigint(name, { mode: 'number' })

/** A tsvector, never read by the app: it only answers `@@` (server/db/postgres/search-store.ts). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

export const jobs = pgTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    model: text('model').notNull(),
    prompt: text('prompt').notNull(),
    /** The dynamic-prompt template of the batch the job came from (docs/decisions/023). */
    promptTemplate: text('prompt_template'),
    params: jsonb('params').$type<JobParams>().notNull(),
    seed: bigint('seed', { mode: 'number' }),
    status: text('status').$type<JobStatus>().notNull(),
    upstreamStatus: text('upstream_status'),
    requestId: text('request_id'),
    queuePosition: integer('queue_position'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    errorAction: text('error_action'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ms('next_attempt_at'),
    retryReason: text('retry_reason'),
    deadlineAt: ms('deadline_at'),
    retryOf: text('retry_of'),
    comparisonId: text('comparison_id'),
    createdBy: text('created_by'),
    webhookToken: text('webhook_token'),
    createdAt: ms('created_at').notNull(),
    dismissedAt: ms('dismissed_at'),
    submittedAt: ms('submitted_at'),
    finishedAt: ms('finished_at'),
    updatedAt: ms('updated_at').notNull(),
    /** Place in Darkroom's own queue, 1, 2, 3… as jobs arrive: waiting jobs are sent lowest first (docs/decisions/028). */
    queueRank: ms('queue_rank').notNull().default(0),
    /** The instance working on the job (submitting, polling, downloading) until `leaseUntil` (docs/decisions/025). */
    leaseOwner: text('lease_owner'),
    leaseUntil: ms('lease_until'),
    /**
     * The prompt's words as FTS5's unicode61 tokenizer sees them (lower case, diacritics removed, split
     * at anything not a letter or digit): darkroom_words() is defined in the first migration.
     */
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, darkroom_words(prompt))`),
  },
  (t) => [
    index('jobs_status_idx').on(t.status),
    index('jobs_created_idx').on(t.createdAt),
    index('jobs_comparison_idx').on(t.comparisonId),
    // New jobs join the queue at max(queue_rank) + 1.
    index('jobs_queue_rank_idx').on(t.queueRank),
    index('jobs_prompt_template_idx')
      .on(t.promptTemplate)
      .where(sql`prompt_template is not null`),
  ],
)

export const images = pgTable(
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
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    createdAt: ms('created_at').notNull(),
    model: text('model').notNull().default(''),
    seed: bigint('seed', { mode: 'number' }),
    steps: integer('steps'),
    guidance: doublePrecision('guidance'),
    favourite: boolean('favourite').notNull().default(false),
    /** 1–5 stars, or null when unrated (docs/decisions/027). */
    rating: smallint('rating'),
    deletedAt: ms('deleted_at'),
    /** 1, 2, 3… in arrival order, from the column's own sequence (not max + 1: several instances insert at once). */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedByDefaultAsIdentity(),
    /** The job's comparison, copied by a trigger when the row is inserted (docs/decisions/013). */
    comparisonId: text('comparison_id'),
    /**
     * The job's prompt words (jobs.search), copied by the same trigger: the gallery checks words on
     * the row it walks instead of looking up each row's job (docs/decisions/031).
     */
    search: tsvector('search')
      .notNull()
      .default(sql`''::tsvector`),
  },
  (t) => [
    uniqueIndex('images_job_idx').on(t.jobId, t.index),
    index('images_created_idx').on(t.createdAt, t.id),
    index('images_live_seq_idx')
      .on(t.seq)
      .where(sql`deleted_at is null`),
    index('images_model_seq_idx')
      .on(t.model, t.seq)
      .where(sql`deleted_at is null`),
    index('images_fav_seq_idx')
      .on(t.seq)
      .where(sql`deleted_at is null and favourite`),
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
    index('images_deleted_idx')
      .on(t.deletedAt)
      .where(sql`deleted_at is not null`),
    uniqueIndex('images_seq_idx').on(t.seq),
    index('images_search_idx').using('gin', t.search),
  ],
)

export const comparisons = pgTable(
  'comparisons',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    /** JSON text, as on SQLite: the row type is the same string. */
    spec: text('spec').notNull(),
    createdAt: ms('created_at').notNull(),
    cancelledAt: ms('cancelled_at'),
    createdBy: text('created_by'),
  },
  (t) => [index('comparisons_created_idx').on(t.createdAt)],
)

export const comparisonCells = pgTable(
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
    params: text('params').notNull(),
    na: text('na').notNull(),
    sameAs: integer('same_as'),
    jobId: text('job_id'),
    previousJobId: text('previous_job_id'),
    outOfRange: text('out_of_range'),
    pending: boolean('pending').notNull(),
    requestedAt: ms('requested_at'),
  },
  (t) => [primaryKey({ columns: [t.comparisonId, t.index] }), index('comparison_cells_pending_idx').on(t.pending)],
)

/** Kept by the PL/pgSQL triggers at the end of the migrations, as migration 0007 does on SQLite. */
export const spendTotals = pgTable(
  'spend_totals',
  {
    day: text('day').notNull(),
    model: text('model').notNull(),
    person: text('person').notNull(),
    images: integer('images').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.model, t.person] })],
)

export const collections = pgTable('collections', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  createdAt: ms('created_at').notNull(),
})

export const imageCollections = pgTable(
  'image_collections',
  {
    collectionId: text('collection_id')
      .notNull()
      .references(() => collections.id, { onDelete: 'cascade' }),
    imageId: text('image_id')
      .notNull()
      .references(() => images.id, { onDelete: 'cascade' }),
    addedAt: ms('added_at').notNull(),
    imageSeq: bigint('image_seq', { mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.collectionId, t.imageId] }),
    index('image_collections_image_idx').on(t.imageId),
    index('image_collections_seq_idx').on(t.collectionId, t.imageSeq),
  ],
)

/** Free tags on images (docs/decisions/027), with the image's seq so a tag is read in gallery order. */
export const imageTags = pgTable(
  'image_tags',
  {
    imageId: text('image_id')
      .notNull()
      .references(() => images.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
    imageSeq: bigint('image_seq', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.imageId, t.tag] }), index('image_tags_tag_seq_idx').on(t.tag, t.imageSeq)],
)

export const promptHistory = pgTable(
  'prompt_history',
  {
    prompt: text('prompt').primaryKey(),
    negativePrompt: text('negative_prompt'),
    model: text('model').notNull(),
    uses: integer('uses').notNull(),
    lastUsedAt: ms('last_used_at').notNull(),
  },
  (t) => [index('prompt_history_used_idx').on(t.lastUsedAt)],
)

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    createdAt: ms('created_at').notNull(),
    expiresAt: ms('expires_at').notNull(),
    passwordTag: text('password_tag'),
  },
  (t) => [index('sessions_expires_idx').on(t.expiresAt)],
)

export const presets = pgTable('presets', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  model: text('model').notNull(),
  params: jsonb('params').$type<Record<string, unknown>>().notNull(),
  prefix: text('prefix').notNull().default(''),
  suffix: text('suffix').notNull().default(''),
  createdAt: ms('created_at').notNull(),
})

export const promptLists = pgTable('prompt_lists', {
  name: text('name').primaryKey(),
  entries: jsonb('entries').$type<string[]>().notNull(),
  updatedAt: ms('updated_at').notNull(),
})

/**
 * The counters behind every limit shared by instances (server/limits/, decision 021), in the shape
 * rate-limiter-flexible's Postgres store reads and writes (`expire` in epoch ms, null = never).
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: varchar('key', { length: 255 }).primaryKey(),
    points: integer('points').notNull().default(0),
    expire: ms('expire'),
  },
  (t) => [index('rate_limits_expire_idx').on(t.expire)],
)

/** One-shot zip download tickets: any instance may redeem one, once (decision 021). */
export const zipTickets = pgTable(
  'zip_tickets',
  {
    token: text('token').primaryKey(),
    ids: jsonb('ids').$type<string[]>().notNull(),
    expiresAt: ms('expires_at').notNull(),
  },
  (t) => [index('zip_tickets_expires_idx').on(t.expiresAt)],
)

/** Darkroom's own queue, one row (id 1): while paused no waiting job is sent (docs/decisions/028). */
export const queueState = pgTable('queue_state', {
  id: integer('id').primaryKey(),
  paused: boolean('paused').notNull().default(false),
  changedAt: ms('changed_at').notNull(),
})
