// The comparison API: what the editor sends, what a saved comparison looks like, and its cells.
import { z } from 'zod'
import { imageSchema, jobErrorSchema, modelIdSchema } from './api'
import { CELL_STATES } from './compare-cells'
import { MODEL_IDS, SEED_MAX } from './catalogue'
import { AXIS_PARAMS } from './compare-axes'

/** One axis holds at most this many values; the total is capped by COMPARE_MAX_IMAGES. */
export const MAX_AXIS_VALUES = 100
export const AXIS_KEYS = ['x', 'y', 'z'] as const
export type AxisKey = (typeof AXIS_KEYS)[number]
/** Which axis a view shows as columns, rows and pages: "yxz" swaps X and Y. */
export const ORDERS = ['xyz', 'yxz', 'xzy', 'zyx', 'yzx', 'zxy'] as const
export const OUT_OF_RANGE_MODES = ['skip', 'clamp'] as const

export const axisValueSchema = z.union([
  z.string().max(2048, { error: 'an axis value must be at most 2,048 characters' }),
  z.number(),
  z.boolean(),
  z.strictObject({ width: z.number(), height: z.number() }),
])

export const axisSchema = z.strictObject({
  param: z.enum(AXIS_PARAMS, { error: `param must be one of ${AXIS_PARAMS.join(', ')}` }),
  values: z
    .array(axisValueSchema)
    .min(1, { error: 'an axis needs at least one value' })
    .max(MAX_AXIS_VALUES, { error: `an axis has at most ${MAX_AXIS_VALUES} values` }),
})
export type Axis = z.infer<typeof axisSchema>

/** What defines a comparison: base model and shared parameters, one seed, and up to three axes. */
export const comparisonSpecSchema = z.strictObject({
  title: z.string().trim().max(200, { error: 'title must be at most 200 characters' }).default(''),
  /** The model of every cell, unless model is an axis. */
  model: modelIdSchema,
  /** The prompt and every parameter fixed for all cells; the rest take each model's default. */
  params: z.record(z.string(), z.unknown(), { error: 'params must be an object' }),
  /** One seed for every cell, so only the axes differ; the server picks one when it is left out. */
  seed: z
    .number({ error: 'seed must be a number' })
    .int({ error: 'seed must be a whole number' })
    .min(0, { error: `seed must be between 0 and ${SEED_MAX}` })
    .max(SEED_MAX, { error: `seed must be between 0 and ${SEED_MAX}` })
    .optional(),
  axes: z.strictObject({ x: axisSchema.optional(), y: axisSchema.optional(), z: axisSchema.optional() }),
  /**
   * Cells whose axis value is outside their model's range (steps 30 where a model stops at 20):
   * `skip` shows them as n/a and sends nothing; `clamp` sends the nearest value the model allows.
   */
  outOfRange: z.enum(OUT_OF_RANGE_MODES, { error: `outOfRange must be one of ${OUT_OF_RANGE_MODES.join(', ')}` }).default('skip'),
})
export type ComparisonSpec = z.input<typeof comparisonSpecSchema>

/** Body of POST /api/comparisons. `confirm` is required above COMPARE_CONFIRM_IMAGES images. */
export const createComparisonBodySchema = comparisonSpecSchema.extend({ confirm: z.boolean().optional() })
export type CreateComparisonBody = z.input<typeof createComparisonBodySchema>

export const cellStateSchema = z.enum(CELL_STATES)
// The cell states and their tests live apart from the schemas, so the playground can use them without zod (decision 029).
export { isCellActive, RERUNNABLE, anyCellActive, type CellState } from './compare-cells'

export const comparisonCellSchema = z.object({
  index: z.number().int(),
  x: z.number().int(),
  y: z.number().int(),
  z: z.number().int(),
  model: z.enum(MODEL_IDS),
  /** What is (or will be) sent upstream, every default filled in. */
  params: z.record(z.string(), z.unknown()),
  /** Compared parameters this cell's model does not have: shown as n/a, never sent. */
  na: z.array(z.string()),
  /** Same request as an earlier cell: that cell's job and image are shown, not paid for twice. */
  sameAs: z.number().int().nullable(),
  /** Why the cell is out of its model's range (state `out_of_range`): shown like n/a, never sent nor billed. */
  outOfRange: z.string().nullable().default(null),
  state: cellStateSchema,
  jobId: z.string().nullable(),
  error: jobErrorSchema.nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  image: imageSchema.nullable(),
})
export type ComparisonCell = z.infer<typeof comparisonCellSchema>

export const estimateSchema = z.object({
  /** Requests (and images: one per cell) that will be sent; repeated cells are counted once. */
  images: z.number().int(),
  /** USD of the images whose price is known. */
  knownUsd: z.number(),
  /** Images whose model has no public price. */
  unknownImages: z.number().int(),
})
export type Estimate = z.infer<typeof estimateSchema>

export const comparisonSchema = z.object({
  id: z.string(),
  spec: comparisonSpecSchema.required({ seed: true }),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  estimate: estimateSchema,
  cells: z.array(comparisonCellSchema),
})
export type Comparison = z.infer<typeof comparisonSchema>

export const comparisonSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  cells: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
  active: z.number().int(),
  /** Up to four thumbnails. */
  covers: z.array(z.string()),
})
export type ComparisonSummary = z.infer<typeof comparisonSummarySchema>

export const compareLimitsSchema = z.object({ maxImages: z.number().int(), confirmImages: z.number().int() })
export type CompareLimits = z.infer<typeof compareLimitsSchema>

export const comparisonListSchema = z.object({ items: z.array(comparisonSummarySchema), limits: compareLimitsSchema })

export const rerunBodySchema = z.strictObject({
  /** Cell indexes; all failed cells when left out. */
  cells: z.array(z.number().int().min(0)).max(10_000).optional(),
})

export const exportQuerySchema = z.strictObject({
  /** A Z page (0-based) or every page stacked. */
  z: z.union([z.literal('all'), z.coerce.number().int().min(0)]).default(0),
  /** Which axis runs along columns, rows and pages, e.g. "yxz" swaps X and Y. */
  order: z.enum(ORDERS, { error: `order must be one of ${ORDERS.join(', ')}` }).optional(),
})

export const sideBySideQuerySchema = z.strictObject({
  images: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.string().max(100)).min(2, { error: 'pick at least 2 images' }).max(4, { error: 'pick at most 4 images' })),
})
export const imageListSchema = z.object({ items: z.array(imageSchema) })
