// The faults the simulator can inject, per route, and the queue `failNext` fills. Faults on
// `generate` strike before a job is created or charged, except the `accept-then-*` kinds, which
// create and charge the job first: the "the request may have reached the gateway" case. Faults that
// bend an answer (malformed, unknown-status, the media kinds) only touch a successful one: a request
// that gets the ordinary 400/404 uses the fault up without showing or counting it.

export type FaultRoute = 'generate' | 'status' | 'legacy' | 'media'
export const FAULT_ROUTES: readonly FaultRoute[] = ['generate', 'status', 'legacy', 'media']

/** A fixed answer. A string body is sent as text/plain, anything else as JSON. */
export type CannedResponse = { status: number; body?: unknown; headers?: Record<string, string>; times?: number }

export type FaultKind =
  /** The socket is destroyed without a response byte (fetch rejects; see `tcpReset`). */
  | 'reset'
  /** No answer ever; the socket stays open until the client gives up or the simulator closes. */
  | 'hang'
  /** The right answer, after `delayMs`. Not a failure: on generate the job is created after the delay. */
  | 'slow'
  /** 200 with the JSON text cut in half. On generate no job is created: the ticket is made up. */
  | 'malformed'
  /** status/legacy: the real body with `status` set to `word` (default WARMING_UP). */
  | 'unknown-status'
  /** media: Content-Length of the whole image, then `bytes` of it (default half), then the socket closes. */
  | 'truncate'
  /** media: the real image bytes labelled `contentType` (default application/octet-stream). */
  | 'wrong-type'
  /** media: 200 with an HTML error page (or `contentType`, e.g. text/plain) instead of an image. */
  | 'not-image'
  /** media: `bytes` (default 60 MB) streamed: the real image, then zeros; Content-Length unless `chunked`. */
  | 'oversized'
  /** generate: the job is created and charged, then the socket is destroyed without a response. */
  | 'accept-then-reset'
  /** generate: the job is created and charged, then no answer ever. */
  | 'accept-then-hang'
  /** generate: the job is created and charged, then 200 with its ticket cut in half. */
  | 'accept-then-malformed'

export type KindFault = {
  kind: FaultKind
  /** slow: milliseconds to wait before answering (default 2000). */
  delayMs?: number
  /** truncate: bytes actually sent; oversized: the body's total size. */
  bytes?: number
  /** wrong-type / not-image: the Content-Type sent. */
  contentType?: string
  /** unknown-status: the status word. */
  word?: string
  /** reset kinds: send a TCP RST (client sees ECONNRESET) instead of closing (UND_ERR_SOCKET). */
  tcpReset?: boolean
  /** oversized: no Content-Length, so only counting the bytes catches it. */
  chunked?: boolean
  /** How many matching requests get this fault (default 1). */
  times?: number
}

export type Fault = CannedResponse | KindFault

/** A fault drawn for one request; `label` is what `stats().faultsInjected` counts it under. */
export type TakenFault = { label: string; fault: Fault }

export const isKindFault = (fault: Fault): fault is KindFault => 'kind' in fault

export const DEFAULT_SLOW_MS = 2000
export const DEFAULT_OVERSIZED_BYTES = 60 * 1024 * 1024

const ANY: readonly FaultRoute[] = FAULT_ROUTES
const ROUTES_OF: Record<FaultKind, readonly FaultRoute[]> = {
  reset: ANY,
  hang: ANY,
  slow: ANY,
  malformed: ['generate', 'status', 'legacy'],
  'unknown-status': ['status', 'legacy'],
  truncate: ['media'],
  'wrong-type': ['media'],
  'not-image': ['media'],
  oversized: ['media'],
  'accept-then-reset': ['generate'],
  'accept-then-hang': ['generate'],
  'accept-then-malformed': ['generate'],
}
export const FAULT_KINDS = Object.keys(ROUTES_OF) as FaultKind[]
export const kindFitsRoute = (kind: FaultKind, route: FaultRoute) => ROUTES_OF[kind].includes(route)

const wholeAtLeast = (n: unknown, min: number) => Number.isInteger(n) && (n as number) >= min

/** Throws a plain message when a fault cannot happen on a route, so a test's typo fails loudly. */
export function checkFault(route: FaultRoute, fault: Fault): void {
  if (!FAULT_ROUTES.includes(route)) throw new Error(`Unknown fault route "${route}"`)
  if (fault.times !== undefined && !wholeAtLeast(fault.times, 1)) throw new Error('times must be a whole number ≥ 1')
  if (!isKindFault(fault)) {
    if (!wholeAtLeast(fault.status, 100) || fault.status > 599) throw new Error(`Bad canned status ${fault.status}`)
    return
  }
  if (!FAULT_KINDS.includes(fault.kind)) throw new Error(`Unknown fault kind "${fault.kind}"`)
  if (!kindFitsRoute(fault.kind, route)) {
    throw new Error(`Fault "${fault.kind}" applies to ${ROUTES_OF[fault.kind].join(', ')}, not ${route}`)
  }
  if (fault.delayMs !== undefined && !wholeAtLeast(fault.delayMs, 0)) throw new Error('delayMs must be a whole number ≥ 0')
  if (fault.bytes !== undefined && !wholeAtLeast(fault.bytes, 0)) throw new Error('bytes must be a whole number ≥ 0')
}

/** How a fault is counted: its kind, or the HTTP status of a canned answer (429 with Retry-After apart). */
export function labelOf(route: FaultRoute, fault: Fault): string {
  if (isKindFault(fault)) return `${route}:${fault.kind}`
  const hasRetryAfter = Object.keys(fault.headers ?? {}).some((h) => h.toLowerCase() === 'retry-after')
  return `${route}:${fault.status}${fault.status === 429 && hasRetryAfter ? '-retry-after' : ''}`
}

/** The gateway's own error answers, for `failNext` and the random fault rates. */
export const canned = {
  /** APIM's rate-limit answer, "Try again in N seconds", with N also in Retry-After unless `withHeader` is false. */
  rateLimited(seconds = 60, withHeader = true): CannedResponse {
    const body = { statusCode: 429, message: `Rate limit is exceeded. Try again in ${seconds} seconds.` }
    return withHeader ? { status: 429, body, headers: { 'Retry-After': String(seconds) } } : { status: 429, body }
  },
  /** 500 is documented; 502 and 503 bodies are typical of a gateway in front of a backend (UNCONFIRMED). */
  serverError(status: 500 | 502 | 503 = 500): CannedResponse {
    const error = {
      500: 'An unexpected error occurred, please try again later',
      502: 'Bad Gateway',
      503: 'Service Unavailable',
    }[status]
    return { status, body: { error } }
  },
  notFound: (): CannedResponse => ({ status: 404, body: { error: 'Resource not found' } }),
}

/** The per-route queues behind `failNext`: first in, first out, each fault for `times` requests. */
export function createFaultQueue() {
  const queues = new Map<FaultRoute, Array<{ fault: Fault; remaining: number }>>()
  return {
    push(route: FaultRoute, fault: Fault) {
      checkFault(route, fault)
      const queue = queues.get(route) ?? []
      queue.push({ fault, remaining: fault.times ?? 1 })
      queues.set(route, queue)
    },
    take(route: FaultRoute): TakenFault | null {
      const queue = queues.get(route)
      const next = queue?.[0]
      if (!queue || !next) return null
      next.remaining -= 1
      if (next.remaining <= 0) queue.shift()
      return { label: labelOf(route, next.fault), fault: next.fault }
    },
    clear: () => queues.clear(),
  }
}
