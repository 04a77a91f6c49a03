// The gallery's own routes beyond listing: image detail, favourites, bulk actions, collections,
// zip downloads and prompt history.
import { z } from 'zod'
import { imagePageSchema, imageSchema } from './api'
import { MODEL_IDS } from './catalogue'
import { ratingSchema, tagListSchema } from './ratings'

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
  /** Free tags, sorted. */
  tags: z.array(z.string()),
  requestId: z.string().nullable(),
  submittedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  estimatedCostUsd: z.number().nullable(),
})
export type ImageDetail = z.infer<typeof imageDetailSchema>

export const patchImageBodySchema = z
  .strictObject({ favourite: z.boolean({ error: 'favourite must be true or false' }).optional(), rating: ratingSchema.optional() })
  .refine((b) => b.favourite !== undefined || b.rating !== undefined, { error: 'send favourite or rating' })

/** `POST /api/images/:id/tags`: tags to add to one image. */
export const imageTagsBodySchema = z.strictObject({ tags: tagListSchema })

/** What a bulk action does, whether it names images or a query. */
const actions = {
  favourite: z.strictObject({ action: z.literal('favourite') }),
  unfavourite: z.strictObject({ action: z.literal('unfavourite') }),
  /** Deleted images can be restored until the undo window closes; then their files go. */
  delete: z.strictObject({ action: z.literal('delete') }),
  rate: z.strictObject({ action: z.literal('rate'), rating: ratingSchema }),
  tag: z.strictObject({ action: z.literal('tag'), tags: tagListSchema }),
  untag: z.strictObject({ action: z.literal('untag'), tags: tagListSchema }),
  addToCollection: z.strictObject({ action: z.literal('add-to-collection'), collectionId: z.string().min(1) }),
}
const ACTION_ERROR = 'action must be favourite, unfavourite, delete, restore, rate, tag, untag, add-to-collection or remove-from-collection'

export const bulkActionBodySchema = z.discriminatedUnion(
  'action',
  [
    actions.favourite.extend({ ids }),
    actions.unfavourite.extend({ ids }),
    actions.delete.extend({ ids }),
    z.strictObject({ action: z.literal('restore'), ids }),
    actions.rate.extend({ ids }),
    actions.tag.extend({ ids }),
    actions.untag.extend({ ids }),
    actions.addToCollection.extend({ ids }),
    z.strictObject({ action: z.literal('remove-from-collection'), ids, collectionId: z.string().min(1) }),
  ],
  { error: ACTION_ERROR },
)
export type BulkAction = z.infer<typeof bulkActionBodySchema>
export const bulkResultSchema = z.object({ affected: z.number().int(), undoUntil: z.string().nullable() })

/**
 * A bulk action on every image matching a gallery query, run on the server in chunks
 * (docs/decisions/027). Refused when the query has errors or matches more than MAX_QUERY_BULK images.
 */
export const MAX_QUERY_BULK = 10_000
const query = z.string({ error: 'q must be a gallery query' }).max(2000, { error: 'q must be at most 2000 characters' })

export const queryBulkBodySchema = z.discriminatedUnion(
  'action',
  [
    actions.favourite.extend({ q: query }),
    actions.unfavourite.extend({ q: query }),
    actions.delete.extend({ q: query }),
    actions.rate.extend({ q: query }),
    actions.tag.extend({ q: query }),
    actions.untag.extend({ q: query }),
    actions.addToCollection.extend({ q: query }),
  ],
  { error: ACTION_ERROR.replace(' restore,', '') },
)
export type QueryBulkAction = z.infer<typeof queryBulkBodySchema>
/** A query-wide action's result; a delete also lists the images it deleted, so "Undo" can restore them. */
export const queryBulkResultSchema = bulkResultSchema.extend({ deletedIds: z.array(z.string()) })

/** `GET /api/images/matching?q=`: how many images a query-wide action would touch, counted exactly up to the cap. */
export const matchingQuerySchema = z.strictObject({ q: query.default('') })
export const matchingCountSchema = z.object({
  count: z.number().int(),
  /** True when more than MAX_QUERY_BULK match: `count` is then MAX_QUERY_BULK + 1 and actions are refused. */
  overLimit: z.boolean(),
  queryErrors: z.array(z.string()),
})
export type MatchingCount = z.infer<typeof matchingCountSchema>

export const zipRequestSchema = z.union([z.strictObject({ ids }), z.strictObject({ q: query })], {
  error: 'send ids (a list of image ids) or q (a gallery query)',
})
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
