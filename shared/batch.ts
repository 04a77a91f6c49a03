// A batch: one submit that makes many jobs, from a dynamic-prompt template ("all combinations" or
// "N random draws"). The form previews it with `planBatch`; the server expands the template again
// itself and creates every job under one budget check (docs/decisions/023-batches.md).
import { z } from 'zod'
import { jobSchema, modelIdSchema } from './api'
import { imagesCostUsd, SEED_MAX } from './catalogue'
import { expandTemplate, MAX_EXPANSION, type NamedLists, type TemplateError } from './dynamic-prompts'

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
  ],
  { error: 'expand.kind must be all or random' },
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
  template: z.string(),
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

export type BatchPlan = { ok: true; prompts: string[]; count: number; images: number; costUsd: number | null } | { ok: false; error: TemplateError }

/** The prompts a template makes and what they cost: the form's preview and the server's expansion alike. */
export function planBatch(
  template: string,
  expand: { kind: 'all' } | { kind: 'random'; count: number; seed: number },
  opts: { lists: NamedLists; numImages: number; pricePerImageUsd: number | null },
): BatchPlan {
  const expansion = expandTemplate(template, expand, opts.lists)
  if (!expansion.ok) return expansion
  const images = expansion.count * opts.numImages
  return { ...expansion, images, costUsd: opts.pricePerImageUsd === null ? null : imagesCostUsd(images, opts.pricePerImageUsd) }
}
