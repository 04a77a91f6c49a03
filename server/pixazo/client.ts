// The only code that knows the Pixazo gateway's paths, headers and payloads.
import { MODELS, type ModelId } from '../../shared/catalogue'
import { PixazoHttpError, PixazoProtocolError, toNetworkError, vendorMessageOf } from './errors'
import { normaliseStatus, type UpstreamStatus } from './normalise'
import type { RateLimiter } from './rate-limiter'
import { buildGenerateBody } from './request'

export type PixazoClientOptions = {
  baseUrl: string
  apiKey: string
  timeoutMs?: number
  fetch?: typeof fetch
  /** Shared by every call, so submits and polls together stay under the gateway's rate. */
  limiter?: RateLimiter
}

export type SubmitOptions = { webhookUrl?: string }

const REQUEST_NAMES: Record<ModelId, string> = {
  'ernie-image-turbo': 'ernie-image-turbo-request',
  'ernie-image': 'ernie-image-request',
  'z-image-turbo': 'z-image-turbo-request',
}
const generatePath = (model: ModelId) => `/${MODELS[model].endpointId}/v1/${REQUEST_NAMES[model]}`
const legacyResultPath = (model: ModelId) => `${generatePath(model)}-result`
const statusPath = (requestId: string) => `/v2/requests/status/${encodeURIComponent(requestId)}`

/** Only Z-Image Turbo has the older fal-style result endpoint (shared/pixazo-api.md). */
const HAS_LEGACY_RESULT: ReadonlySet<ModelId> = new Set(['z-image-turbo'])

export function createPixazoClient(options: PixazoClientOptions) {
  const doFetch = options.fetch ?? fetch
  const timeoutMs = options.timeoutMs ?? 30_000

  async function call(method: 'GET' | 'POST', path: string, body?: unknown, extra: Record<string, string> = {}) {
    const headers: Record<string, string> = { 'Ocp-Apim-Subscription-Key': options.apiKey, ...extra }
    if (method === 'POST') Object.assign(headers, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' })
    await options.limiter?.acquire()
    let res: Response
    let text: string
    try {
      res = await doFetch(options.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      })
      text = await res.text()
    } catch (err) {
      throw toNetworkError(err, `${method} ${path}`)
    }
    let json: unknown = text
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      if (res.ok) throw new PixazoProtocolError(`${method} ${path}: answer is not JSON: ${text.slice(0, 200)}`)
    }
    if (!res.ok) {
      const retryAfter = Number(res.headers.get('retry-after'))
      throw new PixazoHttpError(
        res.status,
        vendorMessageOf(json, `HTTP ${res.status} ${res.statusText}`.trim()),
        Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : null,
      )
    }
    return json
  }

  return {
    /** Submits a generation. Accepts any 2xx (the pages show both 200 and 202). */
    async submit(model: ModelId, params: Record<string, unknown>, opts: SubmitOptions = {}) {
      const extra: Record<string, string> = opts.webhookUrl ? { 'X-Webhook-URL': opts.webhookUrl } : {}
      const json = await call('POST', generatePath(model), buildGenerateBody(model, params), extra)
      const requestId = (json as { request_id?: unknown } | null)?.request_id
      if (typeof requestId !== 'string' || !requestId) {
        throw new PixazoProtocolError(`Generate answer has no request_id: ${JSON.stringify(json).slice(0, 200)}`)
      }
      return { requestId }
    },

    /** Reads a request's status from the universal endpoint, or Z-Image's legacy one when the former says 404. */
    async status(model: ModelId, requestId: string): Promise<UpstreamStatus> {
      try {
        return normaliseStatus(await call('GET', statusPath(requestId)))
      } catch (err) {
        if (!(err instanceof PixazoHttpError && err.status === 404 && HAS_LEGACY_RESULT.has(model))) throw err
      }
      return normaliseStatus(await call('POST', legacyResultPath(model), { request_id: requestId }))
    },

    /** The gateway's own origin: results may always be downloaded from it. */
    origin: new URL(options.baseUrl).origin,
  }
}

export type PixazoClient = ReturnType<typeof createPixazoClient>
