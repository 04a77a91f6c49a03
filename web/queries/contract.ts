// The response schemas the browser parses answers with, from the shared contract. Only ever loaded
// with import() (client.ts), never imported as a value: zod and the schemas stay out of the first
// load, and arrive while the first requests are in flight (decision 029).
import { z } from 'zod'

export { apiErrorSchema, imagePageSchema, jobListSchema, jobSchema, settingsSchema } from '../../shared/api'
export { batchLimitsSchema, batchSchema } from '../../shared/batch'
export { comparisonListSchema, comparisonSchema, imageListSchema } from '../../shared/compare'
export { eventsSchema } from '../../shared/events'
export {
  bulkResultSchema,
  collectionListSchema,
  collectionSchema,
  galleryPageSchema,
  imageDetailSchema,
  matchingCountSchema,
  promptHistoryListSchema,
  queryBulkResultSchema,
  zipTicketSchema,
} from '../../shared/gallery-api'
export { importResultSchema, presetListSchema, presetSchema, promptListSchema, promptListsSchema } from '../../shared/presets'
export { cancelWaitingSchema, queueSchema } from '../../shared/queue'
export { spendReportSchema } from '../../shared/spend'

/** `GET /api/auth/session`: whether this server asks for a sign-in, and whether this browser has one. */
export const sessionSchema = z.object({ required: z.boolean(), signedIn: z.boolean() })
