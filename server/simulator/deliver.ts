// How an injected fault reaches the wire. Resets, hangs, truncated and oversized bodies need the raw
// Node objects, which @hono/node-server hands over as `c.env` (its HttpBindings); a handler that has
// written or dropped the response itself returns RESPONSE_ALREADY_SENT so the adapter leaves it be.
// https://github.com/honojs/node-server#direct-response-from-nodejs-api
import { Readable, pipeline } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import type { HttpBindings } from '@hono/node-server'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import { DEFAULT_OVERSIZED_BYTES, DEFAULT_SLOW_MS, isKindFault, type CannedResponse, type KindFault, type TakenFault } from './faults'

/** One request's fault, split into what happens before the handler's work and what bends its answer. */
export type FaultSession = {
  /** The whole answer (canned, reset, hang, generate's malformed), or null to go on. */
  early: Response | null
  /** The handler's success answer as JSON, or what a late fault makes of it. */
  json(body: unknown, status: number): Response
  /** A media file, or what a media fault makes of it. */
  media(bytes: Buffer, contentType: string, headers: Record<string, string>): Response
}

export type FaultContext = {
  /** @hono/node-server's bindings; absent under `app.request()`, where socket faults cannot work. */
  env: HttpBindings | undefined
  /** Aborted when the simulator closes, so a slow answer does not hold the process open. */
  closing: AbortSignal
  count(label: string): void
  /** generate only: the made-up ticket a pre-job `malformed` fault cuts in half. */
  madeUpTicket?: () => unknown
}

const cut = (text: string) => text.slice(0, Math.max(1, Math.floor(text.length / 2)))
const malformed = (body: unknown, status: number) =>
  new Response(cut(JSON.stringify(body)), { status, headers: { 'content-type': 'application/json' } })

function cannedAnswer(fault: CannedResponse): Response {
  const isText = typeof fault.body === 'string'
  const body = fault.body === undefined ? null : isText ? (fault.body as string) : JSON.stringify(fault.body)
  const headers = new Headers(fault.headers)
  if (body !== null && !headers.has('content-type')) headers.set('content-type', isText ? 'text/plain; charset=UTF-8' : 'application/json')
  return new Response(body, { status: fault.status, headers })
}

function bindings(ctx: FaultContext): HttpBindings {
  if (!ctx.env?.incoming) throw new Error('Socket faults need the simulator on a real server (startSimulator)')
  return ctx.env
}

/** Ends the connection with no response: a quiet close, or a TCP RST. */
function drop(ctx: FaultContext, tcpReset = false): Response {
  const { socket } = bindings(ctx).incoming
  if (tcpReset) socket.resetAndDestroy()
  else socket.destroy()
  return RESPONSE_ALREADY_SENT
}

/** Sends the head and part of the body, then closes the socket once that part is flushed. */
function truncated(ctx: FaultContext, bytes: Buffer, sent: number | undefined, headers: Record<string, string>): Response {
  const { outgoing, incoming } = bindings(ctx)
  const part = Math.min(sent ?? Math.floor(bytes.length / 2), Math.max(0, bytes.length - 1))
  outgoing.writeHead(200, { ...headers, 'content-length': String(bytes.length) })
  outgoing.write(bytes.subarray(0, part), () => incoming.socket.destroy())
  return RESPONSE_ALREADY_SENT
}

/** Streams the real image and then zeros up to `total` bytes, pulled as the client reads. */
function oversized(ctx: FaultContext, image: Buffer, fault: KindFault, headers: Record<string, string>): Response {
  const { outgoing } = bindings(ctx)
  const total = Math.max(fault.bytes ?? DEFAULT_OVERSIZED_BYTES, image.length)
  const zeros = Buffer.alloc(64 * 1024)
  function* chunks() {
    yield image
    for (let left = total - image.length; left > 0; left -= zeros.length) yield left >= zeros.length ? zeros : zeros.subarray(0, left)
  }
  outgoing.writeHead(200, fault.chunked ? headers : { ...headers, 'content-length': String(total) })
  // A client that stops reading, or close(), ends the stream: nothing to report.
  pipeline(Readable.from(chunks(), { objectMode: false }), outgoing, () => {})
  return RESPONSE_ALREADY_SENT
}

const NOT_AN_IMAGE_HTML = '<!DOCTYPE html><html><head><title>Service notice</title></head><body><h1>We will be back soon</h1></body></html>'

function mediaFault(ctx: FaultContext, fault: KindFault, bytes: Buffer, headers: Record<string, string>): Response | null {
  switch (fault.kind) {
    case 'truncate':
      return truncated(ctx, bytes, fault.bytes, headers)
    case 'wrong-type':
      return new Response(new Uint8Array(bytes), { headers: { ...headers, 'content-type': fault.contentType ?? 'application/octet-stream' } })
    case 'not-image': {
      const type = fault.contentType ?? 'text/html; charset=UTF-8'
      const body = type.startsWith('text/html') ? NOT_AN_IMAGE_HTML : 'This is not an image.'
      return new Response(body, { headers: { 'content-type': type } })
    }
    case 'oversized':
      return oversized(ctx, bytes, fault, headers)
    default:
      return null
  }
}

function jsonFault(ctx: FaultContext, fault: KindFault, body: unknown, status: number): Response | null {
  switch (fault.kind) {
    case 'malformed':
    case 'accept-then-malformed':
      return malformed(body, status)
    case 'unknown-status':
      return Response.json({ ...(body as object), status: fault.word ?? 'WARMING_UP' }, { status })
    case 'accept-then-reset':
      return drop(ctx, fault.tcpReset)
    case 'accept-then-hang':
      return RESPONSE_ALREADY_SENT
    default:
      return null
  }
}

/** Applies the early part of a fault and returns the session the handler finishes with. */
export async function openFault(ctx: FaultContext, taken: TakenFault | null): Promise<FaultSession> {
  const plain: FaultSession = {
    early: null,
    json: (body, status) => Response.json(body, { status }),
    media: (bytes, type, headers) => new Response(new Uint8Array(bytes), { headers: { ...headers, 'content-type': type } }),
  }
  if (!taken) return plain
  const { fault, label } = taken
  const early = (response: Response): FaultSession => (ctx.count(label), { ...plain, early: response })
  if (!isKindFault(fault)) return early(cannedAnswer(fault))
  switch (fault.kind) {
    case 'reset':
      return early(drop(ctx, fault.tcpReset))
    case 'hang':
      // Nothing is ever written; close() destroys the socket (closeAllConnections).
      return early(RESPONSE_ALREADY_SENT)
    case 'slow':
      ctx.count(label)
      await sleep(fault.delayMs ?? DEFAULT_SLOW_MS, undefined, { signal: ctx.closing }).catch(() => {})
      return ctx.closing.aborted ? { ...plain, early: drop(ctx) } : plain
    case 'malformed':
      if (ctx.madeUpTicket) return early(malformed(ctx.madeUpTicket(), 200))
  }
  return {
    early: null,
    json: (body, status) => {
      const bent = jsonFault(ctx, fault, body, status)
      if (bent) ctx.count(label)
      return bent ?? plain.json(body, status)
    },
    media: (bytes, type, headers) => {
      const bent = mediaFault(ctx, fault, bytes, { ...headers, 'content-type': type })
      if (bent) ctx.count(label)
      return bent ?? plain.media(bytes, type, headers)
    },
  }
}
