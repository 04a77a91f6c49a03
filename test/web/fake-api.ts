// A stand-in for the Darkroom server at the network boundary: it answers the API's routes with
// bodies that the shared schemas accept, and records every request the browser made.
import { vi } from 'vitest'
import {
  createJobBodySchema,
  imageSchema,
  jobSchema,
  settingsSchema,
  type Image,
  type Job,
  type Settings,
} from '../../shared/api'
import { MODELS, estimateCostUsd } from '../../shared/catalogue'

export type RecordedRequest = { method: string; path: string; search: URLSearchParams; body: unknown }
type Reply = { status: number; body?: unknown }

const json = ({ status, body }: Reply) =>
  status === 204
    ? new Response(null, { status })
    : new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

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

type FakeOptions = {
  settings?: Settings
  jobs?: Job[]
  images?: Image[]
  /** Answer POST /api/jobs differently, e.g. with a 400 naming fields. */
  createJob?: (body: { model: string; params: Record<string, unknown> }) => Reply | undefined
}

/** Replaces globalThis.fetch for one test; mutate `jobs` / `images` to change what the server has. */
export function fakeApi(options: FakeOptions = {}) {
  const api = {
    settings: options.settings ?? demoSettings,
    jobs: [...(options.jobs ?? [])],
    images: [...(options.images ?? [])],
    requests: [] as RecordedRequest[],
    /** Requests matching a method and a path (exact, or a RegExp). */
    calls(method: string, path: string | RegExp) {
      return api.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)))
    },
  }

  function route(method: string, path: string, search: URLSearchParams, body: unknown): Reply {
    if (method === 'GET' && path === '/api/settings') return { status: 200, body: api.settings }
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
      const items = api.images.slice(start, start + limit)
      const more = start + limit < api.images.length
      return { status: 200, body: { items, nextCursor: more ? String(start + limit) : null, queryErrors: [] } }
    }
    const image = /^\/api\/images\/([^/]+)$/.exec(path)
    if (method === 'DELETE' && image) {
      const id = decodeURIComponent(image[1] ?? '')
      if (!api.images.some((i) => i.id === id)) return { status: 404, body: { error: { message: 'No such image' } } }
      api.images = api.images.filter((i) => i.id !== id)
      return { status: 204 }
    }
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
