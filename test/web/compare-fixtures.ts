// A stand-in for the comparison routes at the network boundary, with comparisons built by the
// real planner so cells look exactly like the server's.
import { vi } from 'vitest'
import { imageSchema, type Image } from '../../shared/api'
import { comparisonSchema, type CellState, type Comparison, type ComparisonSpec } from '../../shared/compare'
import { planComparison } from '../../shared/compare-plan'

type Reply = { status: number; body?: unknown }
export type Call = { method: string; path: string; body: unknown }

function makeImage(overrides: Partial<Image> & { id: string }): Image {
  return imageSchema.parse({
    jobId: 'job_x',
    comparisonId: null,
    index: 0,
    model: 'ernie-image-turbo',
    prompt: 'a red fox in fresh snow',
    params: { prompt: 'a red fox in fresh snow' },
    seed: 42,
    width: 1024,
    height: 1024,
    bytes: 345_678,
    mimeType: 'image/jpeg',
    createdAt: '2025-05-01T10:00:00.000Z',
    downloadUrl: `/api/images/${overrides.id}/download`,
    favourite: false,
    url: `/files/images/${overrides.id}.jpg`,
    thumbUrl: `/files/thumbs/${overrides.id}.webp`,
    ...overrides,
  })
}

export function makeComparison(spec: ComparisonSpec & { seed: number }, states: (CellState | { failed: string })[] = []): Comparison {
  const plan = planComparison(spec, { maxImages: 1000 })
  if (!plan.ok) throw new Error(plan.message)
  const id = 'cmp_1'
  return comparisonSchema.parse({
    id,
    spec: { title: 'Model × Steps · a lighthouse', ...spec },
    createdAt: '2025-05-01T10:00:00.000Z',
    cancelledAt: null,
    estimate: plan.estimate,
    cells: plan.cells.map((cell, i) => {
      const wanted = states[i] ?? 'completed'
      const state = typeof wanted === 'string' ? wanted : 'failed'
      const image =
        state === 'completed'
          ? makeImage({ id: `img_${i}`, comparisonId: id, model: cell.model, params: cell.params, prompt: String(cell.params.prompt) })
          : null
      return {
        ...cell,
        state,
        jobId: state === 'pending' ? null : `job_${i}`,
        error: typeof wanted === 'string' ? null : { code: 'FAILED', message: wanted.failed, action: 'Change the prompt.' },
        startedAt: state === 'pending' ? null : '2025-05-01T10:00:00.000Z',
        finishedAt: state === 'completed' || state === 'failed' ? '2025-05-01T10:00:03.000Z' : null,
        image,
      }
    }),
  })
}

/** Replaces fetch for one test; change `comparison` to change what the server answers. */
export function fakeCompareApi(options: { comparison?: Comparison; create?: (body: unknown) => Reply } = {}) {
  const api = {
    comparison: options.comparison,
    limits: { maxImages: 100, confirmImages: 16 },
    calls: [] as Call[],
    count: (method: string, path: string | RegExp) =>
      api.calls.filter((c) => c.method === method && (typeof path === 'string' ? c.path === path : path.test(c.path))).length,
  }
  const route = (method: string, path: string, body: unknown): Reply => {
    if (method === 'GET' && path === '/api/comparisons') return { status: 200, body: { items: [], limits: api.limits } }
    if (method === 'POST' && path === '/api/comparisons') return options.create?.(body) ?? { status: 201, body: api.comparison }
    if (api.comparison && path.startsWith(`/api/comparisons/${api.comparison.id}`)) return { status: 200, body: api.comparison }
    if (method === 'GET' && path === '/api/settings') return { status: 200, body: { mode: 'demo', models: [] } }
    return { status: 404, body: { error: { message: `No route ${method} ${path}` } } }
  }
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://darkroom.test')
      const method = (init?.method ?? 'GET').toUpperCase()
      const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined
      api.calls.push({ method, path: url.pathname, body })
      const reply = route(method, url.pathname, body)
      return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'Content-Type': 'application/json' } })
    }),
  )
  return api
}

export const THREE_BY_THREE: ComparisonSpec & { seed: number } = {
  model: 'ernie-image-turbo',
  params: { prompt: 'a lighthouse', guidance_scale: 5 },
  seed: 4242,
  axes: {
    x: { param: 'model', values: ['ernie-image-turbo', 'ernie-image', 'z-image-turbo'] },
    y: { param: 'num_inference_steps', values: [4, 6, 8] },
  },
}
