// A stand-in for the Pixazo gateway that speaks the contract in shared/pixazo-api.md: APIM-style
// key and rate-limit checks, the three generate endpoints, universal and legacy status, and media.
import type { HttpBindings } from '@hono/node-server'
import { Hono, type Context } from 'hono'
import { MODELS, type ModelId } from '../../shared/catalogue'
import { controlFor, createControlState, toMicros, type SimulatorControl } from './control'
import { openFault } from './deliver'
import type { FaultRates } from './fault-rates'
import type { FaultRoute } from './faults'
import { createJobStore, finishesAt, newJob, phaseAt, uuidV7 } from './jobs'
import { createMediaCache, MIME_TYPES } from './media'
import { GENERATE_PATHS, LEGACY_RESULT_PATH, MEDIA_PREFIX } from './paths'
import { createRateLimiter } from './rate-limit'
import { legacyResult, statusObject, ticket } from './responses'
import { createSettler } from './settle'
import { validateGenerate } from './validate'

export type SimulatorOptions = {
  apiKey: string
  timing?: { queuedMs: number; processingMs: number }
  /** JSON file the job store is loaded from and written to, so ids survive a restart. */
  statePath?: string
  /** Wallet in USD; null or absent means unlimited. */
  balanceUsd?: number | null
  pricesUsd?: Partial<Record<ModelId, number>>
  /** Requests per second per key; null or absent means no limit. */
  rateLimitPerSecond?: number | null
  now?: () => number
  /** Random faults from the start (the same as `control.setFaultRates`). */
  faultRates?: FaultRates | null
  /** Jobs whose prompt matches end FAILED with the safety-check message. */
  failPromptPattern?: RegExp
  /** Jobs whose prompt matches end ERROR (not charged). */
  errorPromptPattern?: RegExp
}

export type Simulator = {
  app: Hono<SimEnv>
  control: SimulatorControl
  /** Stops the timers that settle jobs (webhooks) and cuts slow faults short; the app keeps answering. */
  dispose(): void
}

/** Served by @hono/node-server, whose bindings give socket-level faults the raw request and response. */
type SimEnv = { Bindings: HttpBindings; Variables: { body: unknown; bodyIsJson: boolean } }

export const DEFAULT_TIMING = { queuedMs: 600, processingMs: 1200 }
export const DEFAULT_PRICES_USD: Record<ModelId, number> = {
  'ernie-image-turbo': 0.02,
  'ernie-image': 0.02,
  'z-image-turbo': 0.008,
}

const DENIED = {
  statusCode: 401,
  message: 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
}
const RATE_LIMITED = { statusCode: 429, message: 'Rate limit is exceeded. Try again in 1 seconds.' }
const NO_ROUTE = { statusCode: 404, message: 'Resource not found' }
const NOT_FOUND = { error: 'Resource not found' }
const BROKE = { error: 'Insufficient Balance', message: 'Your wallet does not have enough balance.' }

const MAX_RECORDED = 10_000
const originOf = (c: Context) => new URL(c.req.url).origin
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export function createSimulator(options: SimulatorOptions): Simulator {
  const now = options.now ?? Date.now
  const timing = options.timing ?? DEFAULT_TIMING
  const prices = { ...DEFAULT_PRICES_USD, ...options.pricesUsd }
  const patterns = { failPrompt: options.failPromptPattern, errorPrompt: options.errorPromptPattern }
  const state = createControlState(options.apiKey, options.balanceUsd ?? null, patterns)
  const store = createJobStore(options.statePath)
  const media = createMediaCache()
  const settler = createSettler({ store, state, media, now })
  const limiter = options.rateLimitPerSecond ? createRateLimiter(options.rateLimitPerSecond, now) : null
  if (limiter) state.onReset.push(limiter.clear)
  for (const job of store.all()) settler.schedule(job)
  const control = controlFor(state, store)
  if (options.faultRates) control.setFaultRates(options.faultRates)
  const closing = new AbortController()
  /** Draws this request's fault; on generate, a pre-job `malformed` answer carries a made-up ticket. */
  const faultFor = (c: Context<SimEnv>, route: FaultRoute, model?: ModelId) =>
    openFault(
      {
        env: c.env,
        closing: closing.signal,
        count: state.countFault,
        madeUpTicket: model && (() => ticket(originOf(c), `${MODELS[model].endpointId}_${uuidV7(now())}`)),
      },
      state.takeFault(route),
    )

  const app = new Hono<SimEnv>()
    .use(async (c, next) => {
      const text = c.req.method === 'GET' || c.req.method === 'HEAD' ? '' : await c.req.text()
      let body: unknown = null
      let bodyIsJson = false
      try {
        body = JSON.parse(text)
        bodyIsJson = true
      } catch {
        // Recorded as null; the generate route answers 400.
      }
      c.set('body', body)
      c.set('bodyIsJson', bodyIsJson)
      const headers = Object.fromEntries(c.req.raw.headers)
      state.requests.push({ method: c.req.method, path: c.req.path, body, headers, at: now() })
      // Demo mode runs for days: keep the newest requests only.
      if (state.requests.length > MAX_RECORDED) state.requests.splice(0, state.requests.length - MAX_RECORDED)
      // Media lives on a public CDN in the real service: no key, no rate limit.
      if (c.req.path.startsWith(MEDIA_PREFIX)) return next()
      if (c.req.header('ocp-apim-subscription-key') !== state.apiKey) return c.json(DENIED, 401)
      if (limiter && !limiter.allow(state.apiKey)) {
        state.rateLimited += 1
        return c.json(RATE_LIMITED, 429, { 'Retry-After': '1' })
      }
      return next()
    })
    .post(LEGACY_RESULT_PATH, async (c) => {
      const fault = await faultFor(c, 'legacy')
      if (fault.early) return fault.early
      const body = c.get('body')
      const id = isObject(body) && typeof body.request_id === 'string' ? body.request_id : null
      if (!id) return c.json({ error: 'Invalid parameter: request_id is required' }, 400)
      const job = store.get(id)
      if (!job || job.model !== 'z-image-turbo') return c.json(NOT_FOUND, 404)
      settler.settle(job)
      return fault.json(await legacyResult(job, now(), originOf(c), media), 200)
    })
    .post('/:endpoint/v1/:operation', async (c) => {
      const model = GENERATE_PATHS.get(c.req.path)
      if (!model) return c.json(NO_ROUTE, 404)
      // Every generate fault strikes here, before a job exists, except the accept-then-* kinds.
      const fault = await faultFor(c, 'generate', model)
      if (fault.early) return fault.early
      if (!c.get('bodyIsJson')) return c.json({ error: 'Invalid request body: expected JSON' }, 400)
      const checked = validateGenerate(model, c.get('body'))
      if (!checked.ok) return c.json({ error: checked.error }, 400)
      const request = checked.request

      settler.settleAll() // refunds finished ERROR jobs before the balance is checked
      const costMicros = toMicros(prices[model]) * request.numImages
      if (!state.charge(costMicros)) return c.json(BROKE, 402)

      const webhookUrl = c.req.header('x-webhook-url')?.trim() || null
      const forced = state.forcedOutcome(request.prompt)
      const job = newJob({ model, request, createdAt: now(), timing, origin: originOf(c), webhookUrl, costMicros, forced })
      store.add(job)
      state.submissions.push({
        requestId: job.requestId,
        model,
        body: c.get('body') as Record<string, unknown>,
        webhookUrl,
        at: job.createdAt,
        until: finishesAt(job),
      })
      settler.schedule(job)
      // Made while it runs, after this answer is sent: ready when the job says COMPLETED.
      if (job.outcome === 'COMPLETED') setImmediate(() => media.warm(job))
      // The Ernie 1.0 page documents 200; the Turbo and Z-Image pages document 202.
      return fault.json(ticket(originOf(c), job.requestId), model === 'ernie-image' ? 200 : 202)
    })
    .on(['GET', 'POST'], '/v2/requests/status/:id', async (c) => {
      const fault = await faultFor(c, 'status')
      if (fault.early) return fault.early
      const job = store.get(c.req.param('id'))
      if (!job) return c.json(NOT_FOUND, 404)
      settler.settle(job)
      return fault.json(await statusObject(job, now(), originOf(c), media), 200)
    })
    .get('/media/:requestId/:file', async (c) => {
      const fault = await faultFor(c, 'media')
      if (fault.early) return fault.early
      const job = store.get(c.req.param('requestId'))
      const match = /^output-(0|[1-9]\d*)\.([a-z]+)$/.exec(c.req.param('file'))
      const index = Number(match?.[1])
      if (!job || !match || match[2] !== job.format || index >= job.numImages) return c.json(NOT_FOUND, 404)
      if (phaseAt(job, now()).status !== 'COMPLETED') return c.json(NOT_FOUND, 404)
      const bytes = await media.get(job, index)
      return fault.media(bytes, MIME_TYPES[job.format], { 'Cache-Control': 'public, max-age=31536000, immutable' })
    })
    .notFound((c) => c.json(NO_ROUTE, 404))
    .onError((error, c) => {
      console.error('[simulator]', error)
      return c.json({ error: 'An unexpected error occurred, please try again later' }, 500)
    })

  const dispose = () => {
    closing.abort()
    settler.dispose()
  }
  return { app, control, dispose }
}
