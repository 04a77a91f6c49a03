// The OpenAPI 3.1 document of the public API, generated from the same zod schemas the server validates
// with, so it cannot drift from what the routes accept. A test checks that every route the app serves
// is described here. Served at /api/openapi.json, and readable at /api/docs.
import { z } from 'zod'
import * as api from '../../shared/api'
import * as batch from '../../shared/batch'
import * as compare from '../../shared/compare'
import * as gallery from '../../shared/gallery-api'
import { eventsQuerySchema, eventsSchema } from '../../shared/events'
import * as presets from '../../shared/presets'
import * as queue from '../../shared/queue'
import { spendReportSchema } from '../../shared/spend'

/** Named schemas, published under components.schemas and referenced by name from operations. */
const SCHEMAS = {
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
type SchemaName = keyof typeof SCHEMAS

type Media = { schema: SchemaName } | { type: 'image/*' | 'image/png' | 'application/zip' | 'text/html' } | null
export type Operation = {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete'
  /** OpenAPI path, `{param}` style. */
  path: string
  summary: string
  tag: string
  query?: z.ZodObject
  body?: SchemaName
  /** Success status and what it returns (null: no body). */
  ok: [number, Media]
  /** Error statuses this route can answer besides the 400/401/403/413 every route may give. */
  errors?: number[]
  /** Reachable without a session or token. */
  open?: boolean
  /** Answers 503 with the same body as `ok` when a part it reports on cannot be reached. */
  unavailable?: boolean
}

const id = (what: string) => ({ name: 'id', in: 'path', required: true, description: `The ${what}'s id`, schema: { type: 'string' } })

export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/api/health',
    summary: 'Liveness, the mode (live or demo), jobs under way, and whether the database and storage answer (503 when either does not)',
    tag: 'meta',
    ok: [200, { schema: 'Health' }],
    unavailable: true,
    open: true,
  },
  { method: 'get', path: '/api/settings', summary: 'The mode and the models with their prices', tag: 'meta', ok: [200, { schema: 'Settings' }] },
  { method: 'get', path: '/api/openapi.json', summary: 'This document', tag: 'meta', ok: [200, null] },
  { method: 'get', path: '/api/docs', summary: 'This document as a readable page', tag: 'meta', ok: [200, { type: 'text/html' }] },
  {
    method: 'get',
    path: '/api/events',
    summary: 'Long-poll: answers when jobs, images or comparisons changed after `after` (held up to ~25 s)',
    tag: 'meta',
    query: eventsQuerySchema,
    ok: [200, { schema: 'Events' }],
  },
  {
    method: 'get',
    path: '/api/spend',
    summary: 'Spend today and this month against the budgets, per day, model and person',
    tag: 'meta',
    ok: [200, { schema: 'Spend' }],
  },

  {
    method: 'post',
    path: '/api/jobs',
    summary: 'Create a job: validated against the model, queued, then sent to Pixazo once',
    tag: 'jobs',
    body: 'CreateJob',
    ok: [201, { schema: 'Job' }],
    errors: [429],
  },
  {
    method: 'get',
    path: '/api/jobs',
    summary: 'Jobs, newest first, with their images',
    tag: 'jobs',
    query: api.listJobsQuerySchema,
    ok: [200, { schema: 'JobList' }],
  },
  {
    method: 'post',
    path: '/api/batches',
    summary:
      'Create a batch: the server expands the dynamic-prompt template in params.prompt (all combinations or N random draws) and creates one job per prompt under one budget check; confirm is required above the threshold',
    tag: 'jobs',
    body: 'CreateBatch',
    ok: [201, { schema: 'Batch' }],
    errors: [429],
  },
  {
    method: 'get',
    path: '/api/batches/limits',
    summary: 'The most prompts a batch may make, and the image count above which it must be confirmed',
    tag: 'jobs',
    ok: [200, { schema: 'BatchLimits' }],
  },
  { method: 'get', path: '/api/jobs/{id}', summary: 'One job', tag: 'jobs', ok: [200, { schema: 'Job' }], errors: [404] },
  {
    method: 'post',
    path: '/api/jobs/{id}/retry',
    summary: 'A new job with the same parameters, or a failed download downloaded again',
    tag: 'jobs',
    ok: [201, { schema: 'Job' }],
    errors: [404, 409, 429],
  },
  {
    method: 'post',
    path: '/api/jobs/{id}/recheck',
    summary: 'Ask Pixazo again about a timed-out job',
    tag: 'jobs',
    ok: [200, { schema: 'Job' }],
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/api/jobs/{id}/dismiss',
    summary: 'Hide a finished job from the list (the job and its images stay)',
    tag: 'jobs',
    ok: [204, null],
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/api/jobs/{id}/cancel',
    summary: "Drop a job still waiting in Darkroom's queue",
    tag: 'jobs',
    ok: [200, { schema: 'Job' }],
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/api/queue',
    summary: "Darkroom's own queue: whether sending is paused, and the jobs not yet sent, next first",
    tag: 'jobs',
    ok: [200, { schema: 'Queue' }],
  },
  {
    method: 'put',
    path: '/api/queue',
    summary: 'Pause or resume sending waiting jobs to Pixazo (for every instance); jobs already sent carry on',
    tag: 'jobs',
    body: 'QueuePause',
    ok: [200, { schema: 'Queue' }],
  },
  {
    method: 'post',
    path: '/api/queue/reorder',
    summary: 'Move a waiting job to a place in the queue (1 = sent next); 409 if it was sent meanwhile',
    tag: 'jobs',
    body: 'QueueMove',
    ok: [200, { schema: 'Queue' }],
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/api/queue/run-next',
    summary: 'Move a waiting job to the front of the queue; 409 if it was sent meanwhile',
    tag: 'jobs',
    body: 'QueueRunNext',
    ok: [200, { schema: 'Queue' }],
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/api/queue/cancel-waiting',
    summary: 'Cancel every job not yet sent to Pixazo, at once; says how many',
    tag: 'jobs',
    ok: [200, { schema: 'CancelWaiting' }],
  },
  {
    method: 'post',
    path: '/api/webhooks/pixazo/{jobId}/{token}',
    summary: "Pixazo's callback; the body is ignored and the status re-read",
    tag: 'jobs',
    ok: [202, null],
    errors: [404],
    open: true,
  },

  {
    method: 'get',
    path: '/api/images',
    summary: 'Images, keyset-paged; `q` is the gallery query language',
    tag: 'gallery',
    query: api.listImagesQuerySchema,
    ok: [200, { schema: 'ImagePage' }],
  },
  {
    method: 'get',
    path: '/api/images/{id}',
    summary: 'An image with its collections and timings',
    tag: 'gallery',
    ok: [200, { schema: 'ImageDetail' }],
    errors: [404],
  },
  {
    method: 'patch',
    path: '/api/images/{id}',
    summary: 'Favourite or unfavourite an image, or set its rating (1–5, null clears it)',
    tag: 'gallery',
    body: 'PatchImage',
    ok: [200, { schema: 'ImageDetail' }],
    errors: [404],
  },
  {
    method: 'delete',
    path: '/api/images/{id}',
    summary: 'Delete an image (undoable for DELETE_UNDO_SECONDS)',
    tag: 'gallery',
    ok: [200, { schema: 'BulkResult' }],
    errors: [404],
  },
  { method: 'get', path: '/api/images/{id}/file', summary: 'The image file', tag: 'gallery', ok: [200, { type: 'image/*' }], errors: [404] },
  {
    method: 'get',
    path: '/api/images/{id}/thumb',
    summary: 'Its WebP thumbnail (cached for a year)',
    tag: 'gallery',
    ok: [200, { type: 'image/*' }],
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/images/{id}/download',
    summary: 'The original with its generation parameters embedded',
    tag: 'gallery',
    ok: [200, { type: 'image/*' }],
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/images/bulk',
    summary: 'Favourite, delete, restore, rate, tag, untag, or add to / remove from a collection, many at once',
    tag: 'gallery',
    body: 'BulkAction',
    ok: [200, { schema: 'BulkResult' }],
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/images/matching',
    summary: 'How many images a gallery query matches, counted exactly up to the query-wide action cap',
    tag: 'gallery',
    query: gallery.matchingQuerySchema,
    ok: [200, { schema: 'MatchingCount' }],
  },
  {
    method: 'post',
    path: '/api/images/bulk-query',
    summary: 'Favourite, delete (undoable), rate, tag, untag or add to a collection every image matching a gallery query, on the server',
    tag: 'gallery',
    body: 'QueryBulkAction',
    ok: [200, { schema: 'QueryBulkResult' }],
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/images/{id}/tags',
    summary: 'Add tags to an image (trimmed, lower-cased; at most 20 per image)',
    tag: 'gallery',
    body: 'ImageTags',
    ok: [200, { schema: 'ImageDetail' }],
    errors: [404],
  },
  {
    method: 'delete',
    path: '/api/images/{id}/tags/{tag}',
    summary: 'Remove a tag from an image',
    tag: 'gallery',
    ok: [200, { schema: 'ImageDetail' }],
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/images/zip',
    summary: 'A one-shot link to a streamed zip of the images named, or of every image matching a gallery query',
    tag: 'gallery',
    body: 'ZipRequest',
    ok: [201, { schema: 'ZipTicket' }],
  },
  {
    method: 'get',
    path: '/api/downloads/{file}',
    summary: 'The zip behind a one-shot link',
    tag: 'gallery',
    ok: [200, { type: 'application/zip' }],
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/collections',
    summary: 'Collections (an image may be in several)',
    tag: 'gallery',
    ok: [200, { schema: 'CollectionList' }],
  },
  {
    method: 'post',
    path: '/api/collections',
    summary: 'Create a collection',
    tag: 'gallery',
    body: 'CollectionBody',
    ok: [201, { schema: 'Collection' }],
    errors: [409],
  },
  {
    method: 'patch',
    path: '/api/collections/{id}',
    summary: 'Rename a collection',
    tag: 'gallery',
    body: 'CollectionBody',
    ok: [200, { schema: 'Collection' }],
    errors: [404, 409],
  },
  {
    method: 'delete',
    path: '/api/collections/{id}',
    summary: 'Delete a collection (its images stay)',
    tag: 'gallery',
    ok: [204, null],
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/prompts',
    summary: 'Prompt history, kept after images are deleted',
    tag: 'gallery',
    query: gallery.promptHistoryQuerySchema,
    ok: [200, { schema: 'PromptHistory' }],
  },

  {
    method: 'get',
    path: '/api/presets',
    summary: 'Presets: built-in ones first, then saved ones by name',
    tag: 'presets',
    ok: [200, { schema: 'PresetList' }],
  },
  {
    method: 'post',
    path: '/api/presets',
    summary: 'Save a model, its parameters and an optional prompt style under a name',
    tag: 'presets',
    body: 'PresetBody',
    ok: [201, { schema: 'Preset' }],
    errors: [409],
  },
  {
    method: 'patch',
    path: '/api/presets/{id}',
    summary: 'Rename a saved preset',
    tag: 'presets',
    body: 'PresetPatch',
    ok: [200, { schema: 'Preset' }],
    errors: [404, 409],
  },
  { method: 'delete', path: '/api/presets/{id}', summary: 'Delete a saved preset', tag: 'presets', ok: [204, null], errors: [404] },
  {
    method: 'get',
    path: '/api/presets/export',
    summary: 'Saved presets and named lists as one JSON file',
    tag: 'presets',
    ok: [200, { schema: 'Library' }],
  },
  {
    method: 'post',
    path: '/api/presets/import',
    summary: 'Add the presets and lists of an exported file (same names are replaced)',
    tag: 'presets',
    body: 'Library',
    ok: [200, { schema: 'ImportResult' }],
    errors: [409],
  },
  {
    method: 'get',
    path: '/api/prompt-lists',
    summary: 'Named lists for dynamic prompts (__name__)',
    tag: 'presets',
    ok: [200, { schema: 'PromptLists' }],
  },
  {
    method: 'put',
    path: '/api/prompt-lists/{name}',
    summary: 'Create or replace a named list',
    tag: 'presets',
    body: 'PromptListBody',
    ok: [200, { schema: 'PromptList' }],
  },
  { method: 'delete', path: '/api/prompt-lists/{name}', summary: 'Delete a named list', tag: 'presets', ok: [204, null], errors: [404] },

  { method: 'get', path: '/api/comparisons', summary: 'Saved comparisons', tag: 'compare', ok: [200, { schema: 'ComparisonList' }] },
  {
    method: 'post',
    path: '/api/comparisons',
    summary: 'Create and run a comparison grid',
    tag: 'compare',
    body: 'CreateComparison',
    ok: [201, { schema: 'Comparison' }],
    errors: [429],
  },
  {
    method: 'get',
    path: '/api/comparisons/side-by-side',
    summary: '2–4 images for a side-by-side view',
    tag: 'compare',
    query: compare.sideBySideQuerySchema,
    ok: [200, { schema: 'ImageList' }],
  },
  {
    method: 'get',
    path: '/api/comparisons/{id}',
    summary: 'A comparison with its cells',
    tag: 'compare',
    ok: [200, { schema: 'Comparison' }],
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/comparisons/{id}/cancel',
    summary: 'Stop sending its remaining cells',
    tag: 'compare',
    ok: [200, { schema: 'Comparison' }],
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/api/comparisons/{id}/rerun',
    summary: 'Run failed (or chosen) cells again',
    tag: 'compare',
    body: 'Rerun',
    ok: [200, { schema: 'Comparison' }],
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/api/comparisons/{id}/export.png',
    summary: 'The grid as a labelled PNG',
    tag: 'compare',
    query: compare.exportQuerySchema,
    ok: [200, { type: 'image/png' }],
    errors: [404],
  },

  {
    method: 'get',
    path: '/api/auth/session',
    summary: 'Whether sign-in is required and whether this client is signed in',
    tag: 'auth',
    ok: [200, null],
    open: true,
  },
  {
    method: 'post',
    path: '/api/auth/sign-in',
    summary: 'Sign in with the password (form or JSON); sets the session cookie',
    tag: 'auth',
    ok: [204, null],
    errors: [401, 404, 429],
    open: true,
  },
  { method: 'post', path: '/api/auth/sign-out', summary: 'End this session', tag: 'auth', ok: [204, null] },
  {
    method: 'post',
    path: '/api/auth/sign-out-everywhere',
    summary: 'End every browser session (tokens stay valid until removed from APP_TOKENS)',
    tag: 'auth',
    ok: [200, null],
  },
]

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No content',
  400: 'A request field is wrong; `fields` names each one and its limit. Nothing was changed.',
  401: 'Not signed in: send `Authorization: Bearer <token>` or sign in',
  403: 'Refused: over a spending budget (with the figures), or a cross-site request',
  404: 'Not found',
  409: "Not possible in the resource's current state",
  413: 'The request body is over its size limit',
  429: 'Too many requests; see Retry-After',
  503: 'The database or the image storage cannot be reached; the body says which',
}

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>

function parameters(op: Operation) {
  const params: object[] = []
  for (const name of op.path.match(/\{(\w+)\}/g) ?? []) {
    const key = name.slice(1, -1)
    params.push(
      key === 'id'
        ? id(
            op.tag === 'jobs'
              ? 'job'
              : op.tag === 'compare'
                ? 'comparison'
                : op.path.includes('collections')
                  ? 'collection'
                  : op.tag === 'presets'
                    ? 'preset'
                    : 'image',
          )
        : { name: key, in: 'path', required: true, schema: { type: 'string' } },
    )
  }
  if (op.query) {
    const schema = jsonSchema(op.query, 'input') as { properties?: Record<string, object>; required?: string[] }
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      params.push({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: prop })
    }
  }
  return params
}

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` })

function responses(op: Operation) {
  const [status, media] = op.ok
  const out: Record<string, object> = {}
  out[status] = {
    description: STATUS_TEXT[status] ?? 'OK',
    ...(media && { content: 'schema' in media ? { 'application/json': { schema: ref(media.schema) } } : { [media.type]: {} } }),
  }
  for (const code of [400, ...(op.open ? [] : [401]), ...(op.method === 'get' ? [] : [403, 413]), ...(op.errors ?? [])]) {
    out[code] = { description: STATUS_TEXT[code], content: { 'application/json': { schema: ref('Error') } } }
  }
  if (op.unavailable && media && 'schema' in media)
    out[503] = { description: STATUS_TEXT[503], content: { 'application/json': { schema: ref(media.schema) } } }
  return out
}

export function buildOpenApiDocument(version = '0.1.0') {
  const paths: Record<string, Record<string, object>> = {}
  for (const op of OPERATIONS) {
    const params = parameters(op)
    ;(paths[op.path] ??= {})[op.method] = {
      operationId: `${op.method}${op.path
        .replace(/^\/api/, '')
        .replace(/\{(\w+)\}/g, 'By-$1')
        .replace(/[^A-Za-z0-9]+(\w)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
      summary: op.summary,
      tags: [op.tag],
      ...(params.length > 0 && { parameters: params }),
      ...(op.body && { requestBody: { required: true, content: { 'application/json': { schema: ref(op.body) } } } }),
      responses: responses(op),
      ...(op.open && { security: [] }),
    }
  }
  const schemas: Record<string, object> = {}
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    const { $schema: _, ...rest } = jsonSchema(schema, OPERATIONS.some((op) => op.body === name) ? 'input' : 'output')
    schemas[name] = rest
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Darkroom API',
      version,
      description:
        "A self-hosted playground and gallery for Pixazo's text-to-image models. JSON over HTTP; every error is `{ error: { message, fields? } }`. " +
        'Scripts authenticate with `Authorization: Bearer <token>` (a token from APP_TOKENS); browsers with the session cookie.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [] }],
    tags: [
      { name: 'jobs', description: 'Generate images: one job is one request to Pixazo' },
      { name: 'gallery', description: 'Images, favourites, collections, downloads' },
      { name: 'compare', description: 'Labelled grids across models and parameters' },
      { name: 'presets', description: 'Saved settings and named prompt lists' },
      { name: 'auth', description: 'Sign-in for browsers' },
      { name: 'meta', description: 'Health, settings, spend, this document' },
    ],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A token from APP_TOKENS' },
        session: { type: 'apiKey', in: 'cookie', name: 'darkroom_session', description: 'Set by POST /api/auth/sign-in' },
      },
    },
  }
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>
