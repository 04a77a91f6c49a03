// The gallery's own routes beyond listing: image detail, favourites, bulk actions, collections,
// zip downloads and prompt history.
import { z } from 'zod'
import { imagePageSchema, imageSchema } from './api'
import { MODEL_IDS } from './catalogue'

export const MAX_BULK_IDS = 1000

/**
 * How many images match the query. `exact` is true when every match was counted; counting stops
 * after a few hundred (so a page stays fast at a million images) and `count` is then an estimate,
 * extrapolated from how much of the gallery's arrival order those matches span. Show it as "about N".
 */
export const galleryTotalSchema = z.object({ count: z.number().int(), exact: z.boolean() })
export type GalleryTotal = z.infer<typeof galleryTotalSchema>

/** `GET /api/images`: a page, plus the total on the first page only (`null` on later pages). */
export const galleryPageSchema = imagePageSchema.extend({ total: galleryTotalSchema.nullable() })
export type GalleryPage = z.infer<typeof galleryPageSchema>

const ids = z
  .array(z.string().min(1).max(200), { error: 'ids must be a list of image ids' })
  .min(1, { error: 'ids must name at least one image' })
  .max(MAX_BULK_IDS, { error: `ids may name at most ${MAX_BULK_IDS} images` })

export const collectionNameSchema = z
  .string({ error: 'name must be text' })
  .trim()
  .min(1, { error: 'name is required' })
  .max(80, { error: 'name must be at most 80 characters' })

export const collectionSchema = z.object({ id: z.string(), name: z.string(), imageCount: z.number().int(), createdAt: z.string() })
export type Collection = z.infer<typeof collectionSchema>
export const collectionListSchema = z.object({ items: z.array(collectionSchema) })
export const collectionBodySchema = z.strictObject({ name: collectionNameSchema })

export const imageDetailSchema = imageSchema.extend({
  collections: z.array(z.object({ id: z.string(), name: z.string() })),
  requestId: z.string().nullable(),
  submittedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  estimatedCostUsd: z.number().nullable(),
})
export type ImageDetail = z.infer<typeof imageDetailSchema>

export const patchImageBodySchema = z.strictObject({ favourite: z.boolean({ error: 'favourite must be true or false' }) })

export const bulkActionBodySchema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('favourite'), ids }),
    z.strictObject({ action: z.literal('unfavourite'), ids }),
    /** Deleted images can be restored until the undo window closes; then their files go. */
    z.strictObject({ action: z.literal('delete'), ids }),
    z.strictObject({ action: z.literal('restore'), ids }),
    z.strictObject({ action: z.literal('add-to-collection'), ids, collectionId: z.string().min(1) }),
    z.strictObject({ action: z.literal('remove-from-collection'), ids, collectionId: z.string().min(1) }),
  ],
  { error: 'action must be favourite, unfavourite, delete, restore, add-to-collection or remove-from-collection' },
)
export type BulkAction = z.infer<typeof bulkActionBodySchema>
export const bulkResultSchema = z.object({ affected: z.number().int(), undoUntil: z.string().nullable() })

export const zipRequestSchema = z.strictObject({ ids })
export const zipTicketSchema = z.object({ url: z.string(), count: z.number().int() })

export const promptHistoryQuerySchema = z.strictObject({
  q: z.string().max(500, { error: 'q must be at most 500 characters' }).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1, { error: 'limit must be between 1 and 200' })
    .max(200, { error: 'limit must be between 1 and 200' })
    .default(50),
})
export const promptHistoryEntrySchema = z.object({
  prompt: z.string(),
  negativePrompt: z.string().nullable(),
  model: z.enum(MODEL_IDS),
  uses: z.number().int(),
  lastUsedAt: z.string(),
})
export type PromptHistoryEntry = z.infer<typeof promptHistoryEntrySchema>
export const promptHistoryListSchema = z.object({ items: z.array(promptHistoryEntrySchema) })
