// A batch: one submit that makes many jobs, from a dynamic-prompt template ("all combinations" or
// "N random draws") or from a file of prompts (shared/prompt-file.ts). The form previews it with `planBatch`; the server expands the template again
// itself and creates every job under one budget check (docs/decisions/023-batches.md).
import { z } from 'zod'
import { jobSchema, modelIdSchema } from './api'
import { SEED_MAX } from './catalogue'
import { MAX_EXPANSION } from './dynamic-prompts'
import { FILE_FORMATS, MAX_FILE_CHARS } from './prompt-file'

export const batchExpandSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('all') }),
    z.strictObject({
      kind: z.literal('random'),
      count: z
        .number({ error: 'expand.count must be a number' })
        .int({ error: 'expand.count must be a whole number' })
        .min(1, { error: `expand.count must be between 1 and ${MAX_EXPANSION}` })
        .max(MAX_EXPANSION, { error: `expand.count must be between 1 and ${MAX_EXPANSION}` }),
      /** Makes the draws repeatable; the server picks one when it is left out. */
      seed: z
        .number({ error: 'expand.seed must be a number' })
        .int({ error: 'expand.seed must be a whole number' })
        .min(0, { error: `expand.seed must be between 0 and ${SEED_MAX}` })
        .max(SEED_MAX, { error: `expand.seed must be between 0 and ${SEED_MAX}` })
        .optional(),
    }),
    /** N runs of the same settings, a new seed each: the prompt is sent as written (queue control, decision 028). */
    z.strictObject({
      kind: z.literal('runs'),
      count: z
        .number({ error: 'expand.count must be a number' })
        .int({ error: 'expand.count must be a whole number' })
        .min(1, { error: `expand.count must be between 1 and ${MAX_EXPANSION}` })
        .max(MAX_EXPANSION, { error: `expand.count must be between 1 and ${MAX_EXPANSION}` }),
    }),
    z.strictObject({
      kind: z.literal('file'),
      format: z.enum(FILE_FORMATS, { error: `expand.format must be one of ${FILE_FORMATS.join(', ')}` }),
      text: z
        .string({ error: 'expand.text must be text' })
        .max(MAX_FILE_CHARS, { error: `expand.text must be at most ${MAX_FILE_CHARS.toLocaleString('en-US')} characters` }),
    }),
  ],
  { error: 'expand.kind must be all, random, runs or file' },
)

/** Body of POST /api/batches: `params.prompt` is the template. `confirm` is required above the threshold. */
export const createBatchBodySchema = z.strictObject({
  model: modelIdSchema,
  params: z.record(z.string(), z.unknown(), { error: 'params must be an object' }),
  expand: batchExpandSchema.default({ kind: 'all' }),
  confirm: z.boolean({ error: 'confirm must be true or false' }).optional(),
})
export type CreateBatchBody = z.input<typeof createBatchBodySchema>
export type BatchRequest = z.infer<typeof createBatchBodySchema>

export const batchSchema = z.object({
  /** The template the prompts were expanded from; null for a file. */
  template: z.string().nullable(),
  /** Jobs created, one per prompt. */
  count: z.number().int(),
  images: z.number().int(),
  estimatedCostUsd: z.number().nullable(),
  jobs: z.array(jobSchema),
})
export type Batch = z.infer<typeof batchSchema>

export const batchLimitsSchema = z.object({
  /** The most prompts one batch may make. */
  maxPrompts: z.number().int(),
  /** Above this many images a batch must be confirmed. */
  confirmImages: z.number().int(),
})
export type BatchLimits = z.infer<typeof batchLimitsSchema>

// The plans live apart from the schemas, so the form can preview a batch without loading zod (decision 029).
export { planBatch, type BatchPlan } from './batch-plan'
export { planFile } from './file-plan'
