// Every route of the public API, one row each, in a table per tag. The document lists them in this order.
import type { z } from 'zod'
import * as api from '../../shared/api'
import * as compare from '../../shared/compare'
import { eventsQuerySchema } from '../../shared/events'
import * as gallery from '../../shared/gallery-api'
import type { SchemaName } from './schemas'

/** The tags, in the order the document lists them, with what each covers. */
export const TAGS = {
  jobs: 'Generate images: one job is one request to Pixazo',
  gallery: 'Images, favourites, collections, downloads',
  compare: 'Labelled grids across models and parameters',
  presets: 'Saved settings and named prompt lists',
  auth: 'Sign-in for browsers',
  meta: 'Health, settings, spend, this document',
}
type Tag = keyof typeof TAGS

/** What a success returns: a named JSON schema, another media type, or no body (null). */
type Media = SchemaName | 'image/*' | 'image/png' | 'application/zip' | 'text/html' | null

type Details = {
  /** The JSON request body. */
  body?: SchemaName
  query?: z.ZodObject
  /** Error statuses this route can answer besides the 400/401/403/413 every route may give. */
  errors?: number[]
  /** Reachable without a session or token. */
  open?: boolean
  /** Answers 503 with the same body as `ok` when a part it reports on cannot be reached. */
  unavailable?: boolean
}

export type Operation = Details & {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete'
  /** OpenAPI path, `{param}` style; an `{id}` is the id of the thing the segment before it names. */
  path: `/api/${string}`
  summary: string
  tag: Tag
  /** Success status and what it returns. */
  ok: [number, Media]
}

type Route = Omit<Operation, 'tag'>

const verb =
  (method: Route['method']) =>
  (path: Route['path'], status: number, returns: Media, summary: string, details: Details = {}): Route => ({
    method,
    path,
    summary,
    ok: [status, returns],
    ...details,
  })
const get = verb('get')
const post = verb('post')
const put = verb('put')
const patch = verb('patch')
const del = verb('delete')

// One row a route: method(path, success status, what it returns, summary, { body, query, errors, open, unavailable }).
// The tables' order (not TAGS') is the order of the document's paths.
const ROUTES: Record<Tag, Route[]> = {
  meta: [
    get(
      '/api/health',
      200,
      'Health',
      'Liveness, the mode (live or demo), jobs under way, and whether the database and storage answer (503 when either does not)',
      { open: true, unavailable: true },
    ),
    get('/api/settings', 200, 'Settings', 'The mode and the models with their prices'),
    get('/api/openapi.json', 200, null, 'This document'),
    get('/api/docs', 200, 'text/html', 'This document as a readable page'),
    get('/api/events', 200, 'Events', 'Long-poll: answers when jobs, images or comparisons changed after `after` (held up to ~25 s)', {
      query: eventsQuerySchema,
    }),
    get('/api/spend', 200, 'Spend', 'Spend today and this month against the budgets, per day, model and person'),
  ],
  jobs: [
    post('/api/jobs', 201, 'Job', 'Create a job: validated against the model, queued, then sent to Pixazo once', {
      body: 'CreateJob',
      errors: [429],
    }),
    get('/api/jobs', 200, 'JobList', 'Jobs, newest first, with their images', { query: api.listJobsQuerySchema }),
    post(
      '/api/batches',
      201,
      'Batch',
      'Create a batch: the server expands the dynamic-prompt template in params.prompt (all combinations or N random draws) and creates one job per prompt under one budget check; confirm is required above the threshold',
      { body: 'CreateBatch', errors: [429] },
    ),
    get('/api/batches/limits', 200, 'BatchLimits', 'The most prompts a batch may make, and the image count above which it must be confirmed'),
    get('/api/jobs/{id}', 200, 'Job', 'One job', { errors: [404] }),
    post('/api/jobs/{id}/retry', 201, 'Job', 'A new job with the same parameters, or a failed download downloaded again', {
      errors: [404, 409, 429],
    }),
    post('/api/jobs/{id}/recheck', 200, 'Job', 'Ask Pixazo again about a timed-out job', { errors: [404, 409] }),
    post('/api/jobs/{id}/dismiss', 204, null, 'Hide a finished job from the list (the job and its images stay)', { errors: [404, 409] }),
    post('/api/jobs/{id}/cancel', 200, 'Job', "Drop a job still waiting in Darkroom's queue", { errors: [404, 409] }),
    get('/api/queue', 200, 'Queue', "Darkroom's own queue: whether sending is paused, and the jobs not yet sent, next first"),
    put('/api/queue', 200, 'Queue', 'Pause or resume sending waiting jobs to Pixazo (for every instance); jobs already sent carry on', {
      body: 'QueuePause',
    }),
    post('/api/queue/reorder', 200, 'Queue', 'Move a waiting job to a place in the queue (1 = sent next); 409 if it was sent meanwhile', {
      body: 'QueueMove',
      errors: [404, 409],
    }),
    post('/api/queue/run-next', 200, 'Queue', 'Move a waiting job to the front of the queue; 409 if it was sent meanwhile', {
      body: 'QueueRunNext',
      errors: [404, 409],
    }),
    post('/api/queue/cancel-waiting', 200, 'CancelWaiting', 'Cancel every job not yet sent to Pixazo, at once; says how many'),
    post('/api/webhooks/pixazo/{jobId}/{token}', 202, null, "Pixazo's callback; the body is ignored and the status re-read", {
      errors: [404],
      open: true,
    }),
  ],
  gallery: [
    get('/api/images', 200, 'ImagePage', 'Images, keyset-paged; `q` is the gallery query language', { query: api.listImagesQuerySchema }),
    get('/api/images/{id}', 200, 'ImageDetail', 'An image with its collections and timings', { errors: [404] }),
    patch('/api/images/{id}', 200, 'ImageDetail', 'Favourite or unfavourite an image, or set its rating (1–5, null clears it)', {
      body: 'PatchImage',
      errors: [404],
    }),
    del('/api/images/{id}', 200, 'BulkResult', 'Delete an image (undoable for DELETE_UNDO_SECONDS)', { errors: [404] }),
    get('/api/images/{id}/file', 200, 'image/*', 'The image file', { errors: [404] }),
    get('/api/images/{id}/thumb', 200, 'image/*', 'Its WebP thumbnail (cached for a year)', { errors: [404] }),
    get('/api/images/{id}/download', 200, 'image/*', 'The original with its generation parameters embedded', { errors: [404] }),
    post('/api/images/bulk', 200, 'BulkResult', 'Favourite, delete, restore, rate, tag, untag, or add to / remove from a collection, many at once', {
      body: 'BulkAction',
      errors: [404],
    }),
    get('/api/images/matching', 200, 'MatchingCount', 'How many images a gallery query matches, counted exactly up to the query-wide action cap', {
      query: gallery.matchingQuerySchema,
    }),
    post(
      '/api/images/bulk-query',
      200,
      'QueryBulkResult',
      'Favourite, delete (undoable), rate, tag, untag or add to a collection every image matching a gallery query, on the server',
      { body: 'QueryBulkAction', errors: [404] },
    ),
    post('/api/images/{id}/tags', 200, 'ImageDetail', 'Add tags to an image (trimmed, lower-cased; at most 20 per image)', {
      body: 'ImageTags',
      errors: [404],
    }),
    del('/api/images/{id}/tags/{tag}', 200, 'ImageDetail', 'Remove a tag from an image', { errors: [404] }),
    post('/api/images/zip', 201, 'ZipTicket', 'A one-shot link to a streamed zip of the images named, or of every image matching a gallery query', {
      body: 'ZipRequest',
    }),
    get('/api/downloads/{file}', 200, 'application/zip', 'The zip behind a one-shot link', { errors: [404] }),
    get('/api/collections', 200, 'CollectionList', 'Collections (an image may be in several)'),
    post('/api/collections', 201, 'Collection', 'Create a collection', { body: 'CollectionBody', errors: [409] }),
    patch('/api/collections/{id}', 200, 'Collection', 'Rename a collection', { body: 'CollectionBody', errors: [404, 409] }),
    del('/api/collections/{id}', 204, null, 'Delete a collection (its images stay)', { errors: [404] }),
    get('/api/prompts', 200, 'PromptHistory', 'Prompt history, kept after images are deleted', { query: gallery.promptHistoryQuerySchema }),
  ],
  presets: [
    get('/api/presets', 200, 'PresetList', 'Presets: built-in ones first, then saved ones by name'),
    post('/api/presets', 201, 'Preset', 'Save a model, its parameters and an optional prompt style under a name', {
      body: 'PresetBody',
      errors: [409],
    }),
    patch('/api/presets/{id}', 200, 'Preset', 'Rename a saved preset', { body: 'PresetPatch', errors: [404, 409] }),
    del('/api/presets/{id}', 204, null, 'Delete a saved preset', { errors: [404] }),
    get('/api/presets/export', 200, 'Library', 'Saved presets and named lists as one JSON file'),
    post('/api/presets/import', 200, 'ImportResult', 'Add the presets and lists of an exported file (same names are replaced)', {
      body: 'Library',
      errors: [409],
    }),
    get('/api/prompt-lists', 200, 'PromptLists', 'Named lists for dynamic prompts (__name__)'),
    put('/api/prompt-lists/{name}', 200, 'PromptList', 'Create or replace a named list', { body: 'PromptListBody' }),
    del('/api/prompt-lists/{name}', 204, null, 'Delete a named list', { errors: [404] }),
  ],
  compare: [
    get('/api/comparisons', 200, 'ComparisonList', 'Saved comparisons'),
    post('/api/comparisons', 201, 'Comparison', 'Create and run a comparison grid', { body: 'CreateComparison', errors: [429] }),
    get('/api/comparisons/side-by-side', 200, 'ImageList', '2–4 images for a side-by-side view', { query: compare.sideBySideQuerySchema }),
    get('/api/comparisons/{id}', 200, 'Comparison', 'A comparison with its cells', { errors: [404] }),
    post('/api/comparisons/{id}/cancel', 200, 'Comparison', 'Stop sending its remaining cells', { errors: [404, 409] }),
    post('/api/comparisons/{id}/rerun', 200, 'Comparison', 'Run failed (or chosen) cells again', { body: 'Rerun', errors: [404, 409] }),
    get('/api/comparisons/{id}/export.png', 200, 'image/png', 'The grid as a labelled PNG', { query: compare.exportQuerySchema, errors: [404] }),
  ],
  auth: [
    get('/api/auth/session', 200, null, 'Whether sign-in is required and whether this client is signed in', { open: true }),
    post('/api/auth/sign-in', 204, null, 'Sign in with the password (form or JSON); sets the session cookie', {
      errors: [401, 404, 429],
      open: true,
    }),
    post('/api/auth/sign-out', 204, null, 'End this session'),
    post('/api/auth/sign-out-everywhere', 200, null, 'End every browser session (tokens stay valid until removed from APP_TOKENS)'),
  ],
}

export const OPERATIONS: Operation[] = Object.entries(ROUTES).flatMap(([tag, routes]) => routes.map((op) => ({ ...op, tag: tag as Tag })))
