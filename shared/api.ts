// The app's own HTTP API: request and response schemas shared by the server, the web app and
// scripts. Types are inferred from the schemas, never written twice.
import { z } from 'zod'
import { MODEL_IDS } from './catalogue'
import { JOB_STATUSES } from './job-states'

export const modelIdSchema = z.enum(MODEL_IDS, { error: `model must be one of ${MODEL_IDS.join(', ')}` })

/** Body of POST /api/jobs. Parameters are checked against the model in a second step (shared/params). */
export const createJobBodySchema = z.strictObject({
  model: modelIdSchema,
  params: z.record(z.string(), z.unknown(), { error: 'params must be an object' }),
})
export type CreateJobBody = z.infer<typeof createJobBodySchema>

/** A job's lifecycle and its groups: shared/job-states.ts. */
export const jobStatusSchema = z.enum(JOB_STATUSES)

export const jobErrorSchema = z.object({
  /** Where it came from: an HTTP status from the gateway, FAILED/ERROR from the model, or our own. */
  code: z.string(),
  /** The vendor's own words, as they sent them. */
  message: z.string(),
  /** What the user can do next. */
  action: z.string(),
})
export type JobError = z.infer<typeof jobErrorSchema>

export const imageSchema = z.object({
  id: z.string(),
  jobId: z.string(),
  /** The comparison the image was made for, if any. */
  comparisonId: z.string().nullable(),
  index: z.number().int(),
  model: z.enum(MODEL_IDS),
  prompt: z.string(),
  /** The dynamic-prompt template the prompt was expanded from, when it came from a batch. */
  promptTemplate: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  seed: z.number().int().nullable(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  mimeType: z.string(),
  createdAt: z.string(),
  url: z.string(),
  thumbUrl: z.string(),
  /** The original with its generation parameters embedded (PNG iTXt, JPEG/WebP XMP). */
  downloadUrl: z.string(),
  favourite: z.boolean(),
  /** 1–5 stars, or null when unrated. */
  rating: z.number().int().nullable().default(null),
})
export type Image = z.infer<typeof imageSchema>

export const jobSchema = z.object({
  id: z.string(),
  model: z.enum(MODEL_IDS),
  prompt: z.string(),
  /** The dynamic-prompt template the prompt was expanded from, when it came from a batch. */
  promptTemplate: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  seed: z.number().int().nullable(),
  status: jobStatusSchema,
  upstreamStatus: z.string().nullable(),
  requestId: z.string().nullable(),
  queuePosition: z.number().int().nullable(),
  error: jobErrorSchema.nullable(),
  /** Set while a step is waiting out a retryable failure: why, and when it tries again. */
  retry: z.object({ reason: z.string(), nextAttemptAt: z.string(), attempt: z.number().int() }).nullable(),
  /** The job this one retries. */
  retryOf: z.string().nullable(),
  /** The comparison this job is a cell of. */
  comparisonId: z.string().nullable(),
  /** Position in Darkroom's own queue while `waiting` (1 = next). */
  localQueuePosition: z.number().int().nullable(),
  estimatedCostUsd: z.number().nullable(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  images: z.array(imageSchema),
})
export type Job = z.infer<typeof jobSchema>

export const jobListSchema = z.object({ items: z.array(jobSchema) })
export type JobList = z.infer<typeof jobListSchema>

export const listJobsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

export const listImagesQuerySchema = z.strictObject({
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int({ error: 'limit must be a whole number' })
    .min(1, { error: 'limit must be between 1 and 200' })
    .max(200, { error: 'limit must be between 1 and 200' })
    .default(60),
  cursor: z.string().max(200, { error: 'cursor is not valid' }).optional(),
  /** The gallery query language (shared/gallery-query.ts). */
  q: z.string().max(2000, { error: 'q must be at most 2,000 characters' }).optional(),
  sort: z.enum(['newest', 'oldest'], { error: 'sort must be newest or oldest' }).default('newest'),
})

export const imagePageSchema = z.object({
  items: z.array(imageSchema),
  nextCursor: z.string().nullable(),
  /** Parts of `q` that could not be read; the rest of the query still applied. */
  queryErrors: z.array(z.string()).default([]),
})
export type ImagePage = z.infer<typeof imagePageSchema>

export const settingsSchema = z.object({
  mode: z.enum(['live', 'demo']),
  models: z.array(z.object({ id: z.enum(MODEL_IDS), displayName: z.string(), pricePerImageUsd: z.number().nullable() })),
})
export type Settings = z.infer<typeof settingsSchema>

export const healthSchema = z.object({
  /** False (with HTTP 503) when the database or the image storage cannot be reached. */
  ok: z.boolean(),
  mode: z.enum(['live', 'demo']),
  activeJobs: z.number().int(),
  /** Whether the database (SQLite or PostgreSQL) answered just now. */
  database: z.enum(['ok', 'unreachable']),
  /** Whether image storage (DATA_DIR or the bucket) answered just now. */
  storage: z.enum(['ok', 'unreachable']),
})

/** The one error body every endpoint returns. `fields` maps a request field to what is wrong with it. */
export const apiErrorSchema = z.object({
  error: z.object({
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
})
export type ApiErrorBody = z.infer<typeof apiErrorSchema>
