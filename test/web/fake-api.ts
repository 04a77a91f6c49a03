// A stand-in for the Darkroom server at the network boundary: it answers the API's routes with
// bodies that the shared schemas accept, and records every request the browser made.
import { vi } from 'vitest'
import { createJobBodySchema, imageSchema, jobSchema, settingsSchema, type Image, type Job, type Settings } from '../../shared/api'
import { MODELS, estimateCostUsd } from '../../shared/catalogue'
import { bulkActionBodySchema, collectionBodySchema, patchImageBodySchema, zipRequestSchema, type PromptHistoryEntry } from '../../shared/gallery-api'
import { parseGalleryQuery } from '../../shared/gallery-query'

export type RecordedRequest = { method: string; path: string; search: URLSearchParams; body: unknown }
type Reply = { status: number; body?: unknown }

const json = ({ status, body }: Reply) =>
  status === 204 ? new Response(null, { status }) : new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

let counter = 0
const nextId = (prefix: string) => `${prefix}_${String(++counter).padStart(4, '0')}`

export function makeImage(overrides: Partial<Image> = {}): Image {
  const id = overrides.id ?? nextId('img')
  return imageSchema.parse({
    id,
    jobId: 'job_x',
    comparisonId: null,
    index: 0,
    model: 'ernie-image-turbo',
    prompt: 'a red fox in fresh snow',
    promptTemplate: null,
    params: { prompt: 'a red fox in fresh snow', image_size: 'square_hd', num_inference_steps: 8 },
    seed: 42,
    width: 1024,
    height: 1024,
    bytes: 345_678,
    mimeType: 'image/jpeg',
    createdAt: '2025-05-01T10:00:00.000Z',
    downloadUrl: `/api/images/${id}/download`,
    favourite: false,
    url: `/files/images/${id}.jpg`,
    thumbUrl: `/files/thumbs/${id}.webp`,
    ...overrides,
  })
}

export function makeJob(overrides: Partial<Job> = {}): Job {
  return jobSchema.parse({
    id: overrides.id ?? nextId('job'),
    model: 'ernie-image-turbo',
    prompt: 'a lighthouse at dusk',
    promptTemplate: null,
    params: { prompt: 'a lighthouse at dusk', num_images: 1 },
    seed: null,
    status: 'queued',
    upstreamStatus: null,
    requestId: null,
    queuePosition: null,
    error: null,
    retry: null,
    retryOf: null,
    comparisonId: null,
    localQueuePosition: null,
    estimatedCostUsd: null,
    createdAt: new Date(Date.now() - 3_000).toISOString(),
    submittedAt: null,
    finishedAt: null,
    images: [],
    ...overrides,
  })
}

export const demoSettings: Settings = settingsSchema.parse({
  mode: 'demo',
  models: Object.values(MODELS).map((m) => ({ id: m.id, displayName: m.displayName, pricePerImageUsd: m.pricePerImageUsd })),
})

export type FakeCollection = { id: string; name: string; createdAt: string; imageIds: Set<string> }

/** The server's filtering, roughly: enough of the query language for the browser's tests. */
function matches(image: Image, q: string, collections: FakeCollection[]) {
  const { filter } = parseGalleryQuery(q)
  if (filter.models.length && !filter.models.includes(image.model)) return false
  if (filter.favourite && !image.favourite) return false
  if (filter.seed?.op === '=' && image.seed !== filter.seed.value) return false
  if (filter.collection) {
    const c = collections.find((x) => x.id === filter.collection || x.name === filter.collection)
    if (!c?.imageIds.has(image.id)) return false
  }
  return filter.text.every((t) => image.prompt.toLowerCase().includes(t.toLowerCase()))
}

type FakeOptions = {
  settings?: Settings
  jobs?: Job[]
  images?: Image[]
  collections?: { id: string; name: string; imageIds?: string[] }[]
  prompts?: PromptHistoryEntry[]
  /** Answer POST /api/jobs differently, e.g. with a 400 naming fields. */
  createJob?: (body: { model: string; params: Record<string, unknown> }) => Reply | undefined
}

/** Replaces globalThis.fetch for one test; mutate `jobs` / `images` to change what the server has. */
export function fakeApi(options: FakeOptions = {}) {
  const api = {
    settings: options.settings ?? demoSettings,
    jobs: [...(options.jobs ?? [])],
    images: [...(options.images ?? [])],
    /** Deleted and not yet purged: restorable. */
    deleted: [] as Image[],
    collections: (options.collections ?? []).map((c): FakeCollection => ({
      id: c.id,
      name: c.name,
      createdAt: '2025-05-01T10:00:00.000Z',
      imageIds: new Set(c.imageIds ?? []),
    })),
    prompts: [...(options.prompts ?? [])],
    requests: [] as RecordedRequest[],
    /** Requests matching a method and a path (exact, or a RegExp). */
    calls(method: string, path: string | RegExp) {
      return api.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)))
    },
  }

  function route(method: string, path: string, search: URLSearchParams, body: unknown): Reply {
    if (method === 'GET' && path === '/api/settings') return { status: 200, body: api.settings }
    if (method === 'GET' && path === '/api/auth/session') return { status: 200, body: { required: false, signedIn: true } }
    if (method === 'GET' && path === '/api/jobs') return { status: 200, body: { items: api.jobs } }
    if (method === 'POST' && path === '/api/jobs') {
      const parsed = createJobBodySchema.parse(body)
      const custom = options.createJob?.(parsed)
      if (custom) return custom
      const numImages = typeof parsed.params.num_images === 'number' ? parsed.params.num_images : 1
      const job = makeJob({
        model: parsed.model,
        prompt: String(parsed.params.prompt),
        params: parsed.params,
        seed: typeof parsed.params.seed === 'number' ? parsed.params.seed : null,
        status: 'queued',
        estimatedCostUsd: estimateCostUsd(parsed.model, numImages),
        createdAt: new Date().toISOString(),
      })
      api.jobs.unshift(job)
      return { status: 201, body: job }
    }
    const action = /^\/api\/jobs\/([^/]+)\/(retry|recheck|cancel)$/.exec(path)
    if (method === 'POST' && action) {
      const found = api.jobs.find((j) => j.id === decodeURIComponent(action[1] ?? ''))
      if (!found) return { status: 404, body: { error: { message: 'No such job' } } }
      const status = action[2] === 'cancel' ? 'cancelled' : 'queued'
      Object.assign(found, { status, error: null })
      return { status: 200, body: found }
    }
    const job = /^\/api\/jobs\/([^/]+)$/.exec(path)
    if (method === 'GET' && job) {
      const found = api.jobs.find((j) => j.id === decodeURIComponent(job[1] ?? ''))
      return found ? { status: 200, body: found } : { status: 404, body: { error: { message: 'No such job' } } }
    }
    if (method === 'GET' && path === '/api/images') {
      const limit = Number(search.get('limit') ?? 60)
      const start = Number(search.get('cursor') ?? 0)
      const q = search.get('q') ?? ''
      const found = api.images.filter((i) => matches(i, q, api.collections))
      if (search.get('sort') === 'oldest') found.reverse()
      const items = found.slice(start, start + limit)
      const more = start + limit < found.length
      const total = start === 0 ? { count: found.length, exact: true } : null
      return { status: 200, body: { items, nextCursor: more ? String(start + limit) : null, queryErrors: parseGalleryQuery(q).errors, total } }
    }
    const undoUntil = () => new Date(Date.now() + 30_000).toISOString()
    const notFound = { status: 404, body: { error: { message: 'No image with this id' } } }
    if (method === 'POST' && path === '/api/images/bulk') {
      const action = bulkActionBodySchema.parse(body)
      const ids = new Set(action.ids)
      const chosen = api.images.filter((i) => ids.has(i.id))
      switch (action.action) {
        case 'favourite':
        case 'unfavourite':
          for (const i of chosen) i.favourite = action.action === 'favourite'
          return { status: 200, body: { affected: chosen.length, undoUntil: null } }
        case 'delete':
          api.images = api.images.filter((i) => !ids.has(i.id))
          api.deleted.push(...chosen)
          return { status: 200, body: { affected: chosen.length, undoUntil: undoUntil() } }
        case 'restore': {
          const back = api.deleted.filter((i) => ids.has(i.id))
          api.deleted = api.deleted.filter((i) => !ids.has(i.id))
          api.images = [...api.images, ...back].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
          return { status: 200, body: { affected: back.length, undoUntil: null } }
        }
        default: {
          const c = api.collections.find((x) => x.id === action.collectionId)
          if (!c) return { status: 404, body: { error: { message: 'No collection with this id' } } }
          for (const i of chosen) {
            if (action.action === 'add-to-collection') c.imageIds.add(i.id)
            else c.imageIds.delete(i.id)
          }
          return { status: 200, body: { affected: chosen.length, undoUntil: null } }
        }
      }
    }
    if (method === 'POST' && path === '/api/images/zip') {
      const { ids } = zipRequestSchema.parse(body)
      return { status: 201, body: { url: '/api/downloads/fake-ticket.zip', count: ids.length } }
    }
    const image = /^\/api\/images\/([^/]+)$/.exec(path)
    const found = image ? api.images.find((i) => i.id === decodeURIComponent(image[1] ?? '')) : undefined
    const detail = (i: Image) => ({
      ...i,
      collections: api.collections
        .filter((c) => c.imageIds.has(i.id))
        .map((c) => ({ id: c.id, name: c.name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      requestId: `req_${i.jobId}`,
      submittedAt: i.createdAt,
      finishedAt: new Date(Date.parse(i.createdAt) + 4200).toISOString(),
      estimatedCostUsd: estimateCostUsd(i.model, Number(i.params.num_images ?? 1)),
    })
    if (image && method === 'GET') return found ? { status: 200, body: detail(found) } : notFound
    if (image && method === 'PATCH') {
      if (!found) return notFound
      found.favourite = patchImageBodySchema.parse(body).favourite
      return { status: 200, body: detail(found) }
    }
    if (image && method === 'DELETE') {
      if (!found) return notFound
      api.images = api.images.filter((i) => i !== found)
      api.deleted.push(found)
      return { status: 200, body: { affected: 1, undoUntil: undoUntil() } }
    }
    const listed = (c: FakeCollection) => ({ id: c.id, name: c.name, createdAt: c.createdAt, imageCount: c.imageIds.size })
    if (path === '/api/collections' && method === 'GET') {
      return { status: 200, body: { items: [...api.collections].sort((a, b) => a.name.localeCompare(b.name)).map(listed) } }
    }
    if (path === '/api/collections' && method === 'POST') {
      const { name } = collectionBodySchema.parse(body)
      if (api.collections.some((c) => c.name === name))
        return { status: 409, body: { error: { message: `A collection named "${name}" already exists` } } }
      const c: FakeCollection = { id: nextId('col'), name, createdAt: new Date().toISOString(), imageIds: new Set() }
      api.collections.push(c)
      return { status: 201, body: listed(c) }
    }
    const collection = /^\/api\/collections\/([^/]+)$/.exec(path)
    const c = collection ? api.collections.find((x) => x.id === decodeURIComponent(collection[1] ?? '')) : undefined
    if (collection && !c) return { status: 404, body: { error: { message: 'No collection with this id' } } }
    if (c && method === 'PATCH') {
      c.name = collectionBodySchema.parse(body).name
      return { status: 200, body: listed(c) }
    }
    if (c && method === 'DELETE') {
      api.collections = api.collections.filter((x) => x !== c)
      return { status: 204 }
    }
    if (method === 'GET' && path === '/api/prompts') {
      const q = (search.get('q') ?? '').toLowerCase()
      return { status: 200, body: { items: api.prompts.filter((p) => p.prompt.toLowerCase().includes(q)) } }
    }
    if (method === 'GET' && path === '/api/comparisons') return { status: 200, body: { items: [], limits: { maxImages: 100, confirmImages: 16 } } }
    return { status: 404, body: { error: { message: `No route ${method} ${path}` } } }
  }

  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://darkroom.test')
    const method = (init?.method ?? 'GET').toUpperCase()
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined
    api.requests.push({ method, path: url.pathname, search: url.searchParams, body })
    return json(route(method, url.pathname, url.searchParams, body))
  })
  vi.stubGlobal('fetch', fetch)
  return api
}
