// The named schemas of the OpenAPI document, published under components.schemas and referenced by name
// from the operations. They are the same zod schemas the server validates with.
import type { z } from 'zod'
import * as api from '../../shared/api'
import * as batch from '../../shared/batch'
import * as compare from '../../shared/compare'
import { eventsSchema } from '../../shared/events'
import * as gallery from '../../shared/gallery-api'
import * as presets from '../../shared/presets'
import * as queue from '../../shared/queue'
import { spendReportSchema } from '../../shared/spend'

export const SCHEMAS = {
  Error: api.apiErrorSchema,
  CreateJob: api.createJobBodySchema,
  Job: api.jobSchema,
  JobList: api.jobListSchema,
  Queue: queue.queueSchema,
  QueuePause: queue.queuePauseBodySchema,
  QueueMove: queue.queueMoveBodySchema,
  QueueRunNext: queue.queueRunNextBodySchema,
  CancelWaiting: queue.cancelWaitingSchema,
  CreateBatch: batch.createBatchBodySchema,
  Batch: batch.batchSchema,
  BatchLimits: batch.batchLimitsSchema,
  Image: api.imageSchema,
  ImagePage: gallery.galleryPageSchema,
  ImageDetail: gallery.imageDetailSchema,
  PatchImage: gallery.patchImageBodySchema,
  BulkAction: gallery.bulkActionBodySchema,
  BulkResult: gallery.bulkResultSchema,
  QueryBulkAction: gallery.queryBulkBodySchema,
  QueryBulkResult: gallery.queryBulkResultSchema,
  MatchingCount: gallery.matchingCountSchema,
  ImageTags: gallery.imageTagsBodySchema,
  ZipRequest: gallery.zipRequestSchema,
  ZipTicket: gallery.zipTicketSchema,
  Collection: gallery.collectionSchema,
  CollectionList: gallery.collectionListSchema,
  CollectionBody: gallery.collectionBodySchema,
  PromptHistory: gallery.promptHistoryListSchema,
  CreateComparison: compare.createComparisonBodySchema,
  Comparison: compare.comparisonSchema,
  ComparisonList: compare.comparisonListSchema,
  Rerun: compare.rerunBodySchema,
  ImageList: compare.imageListSchema,
  Settings: api.settingsSchema,
  Health: api.healthSchema,
  Spend: spendReportSchema,
  Events: eventsSchema,
  Preset: presets.presetSchema,
  PresetList: presets.presetListSchema,
  PresetBody: presets.presetBodySchema,
  PresetPatch: presets.presetPatchSchema,
  PromptList: presets.promptListSchema,
  PromptLists: presets.promptListsSchema,
  PromptListBody: presets.promptListBodySchema,
  Library: presets.libraryFileSchema,
  ImportResult: presets.importResultSchema,
} satisfies Record<string, z.ZodType>
export type SchemaName = keyof typeof SCHEMAS
