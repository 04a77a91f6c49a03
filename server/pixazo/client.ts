// The only code that knows the Pixazo gateway's paths, headers and payloads.
import { MODELS, type ModelId } from '../../shared/catalogue'
import { createRedactor } from '../log'
import { PixazoHttpError, PixazoNetworkError, PixazoProtocolError, toNetworkError, vendorMessageOf } from './errors'
import { normaliseStatus, type UpstreamStatus } from './normalise'
import { buildGenerateBody } from './request'
import { cleanVendorText } from './vendor-text'
import { createWritePacer } from './write-pacer'

/**
 * Waits until a request to the gateway may start (server/limits/gateway.ts). With `slotMs`, this
 * client also writes its requests at least that far apart (write-pacer.ts).
 */
export type RateLimiter = { acquire(): Promise<void>; slotMs?: number }

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

/** Every documented answer is a few hundred bytes; Darkroom never asks for sync_mode's inline images. */
export const MAX_ANSWER_BYTES = 1024 * 1024

/** The body as text, or null when it is over `max` bytes (then only that much was read). */
async function readCapped(res: Response, max: number): Promise<string | null> {
  const declared = Number(res.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel()
    return null
  }
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = res.body?.getReader()
  for (let r = await reader?.read(); r && !r.done; r = await reader!.read()) {
    total += r.value.byteLength
    if (total > max) {
      await reader!.cancel()
      return null
    }
    chunks.push(r.value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export function createPixazoClient(options: PixazoClientOptions) {
  const doFetch = options.fetch ?? fetch
  const timeoutMs = options.timeoutMs ?? 30_000
  // The gateway may echo the key back (a 401 quoting it): it is redacted before anything keeps the text.
  const clean = (text: string) => cleanVendorText(text, createRedactor([options.apiKey]))
  const pacer = options.limiter?.slotMs ? createWritePacer(options.limiter.slotMs) : null

  async function call(method: 'GET' | 'POST', path: string, body?: unknown, extra: Record<string, string> = {}) {
    const headers: Record<string, string> = { 'Ocp-Apim-Subscription-Key': options.apiKey, ...extra }
    if (method === 'POST') Object.assign(headers, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' })
    try {
      await options.limiter?.acquire()
    } catch (err) {
      // The limit lives in the database now: if it cannot be read, nothing was sent, so trying again is safe.
      throw new PixazoNetworkError(`${method} ${path}: not sent, the shared rate limit could not be read (${(err as Error).message})`, true)
    }
    const url = options.baseUrl + path
    const written = await pacer?.turn(method, url)
    let res: Response
    let text: string | null
    try {
      try {
        res = await doFetch(url, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        })
      } finally {
        written?.()
      }
      text = await readCapped(res, MAX_ANSWER_BYTES)
    } catch (err) {
      throw toNetworkError(err, `${method} ${path}`)
    }
    const overLimit = `the answer is over the ${MAX_ANSWER_BYTES / 1024 / 1024} MB limit and was not read`
    // Too big to be a real answer: asking again would only read it again.
    if (text === null && res.ok) throw new PixazoProtocolError(`${method} ${path}: ${overLimit}`, true)
    let json: unknown = text
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      if (res.ok) throw new PixazoProtocolError(clean(`${method} ${path}: answer is not JSON: ${text!.slice(0, 200)}`))
    }
    if (!res.ok) {
      // No header is no advice (Number(null) would read as "retry at once").
      const retryAfter = Number(res.headers.get('retry-after') ?? Number.NaN)
      const fallback = `HTTP ${res.status} ${res.statusText}`.trim()
      throw new PixazoHttpError(
        res.status,
        clean(text === null ? `${fallback}: ${overLimit}` : vendorMessageOf(json, fallback)),
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
        throw new PixazoProtocolError(clean(`Generate answer has no request_id: ${JSON.stringify(json).slice(0, 200)}`))
      }
      return { requestId }
    },

    /** Reads a request's status from the universal endpoint, or Z-Image's legacy one when the former says 404. */
    async status(model: ModelId, requestId: string): Promise<UpstreamStatus> {
      const read = (body: unknown) => {
        const status = normaliseStatus(body, clean)
        return { ...status, error: status.error === null ? null : clean(status.error) }
      }
      try {
        return read(await call('GET', statusPath(requestId)))
      } catch (err) {
        if (!(err instanceof PixazoHttpError && err.status === 404 && HAS_LEGACY_RESULT.has(model))) throw err
      }
      return read(await call('POST', legacyResultPath(model), { request_id: requestId }))
    },

    /** The gateway's own origin: results may always be downloaded from it. */
    origin: new URL(options.baseUrl).origin,
  }
}

export type PixazoClient = ReturnType<typeof createPixazoClient>
