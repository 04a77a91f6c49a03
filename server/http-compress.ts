// Compresses JSON responses of 1 KB and more (brotli, gzip or deflate, as the client prefers).
// Files are left alone: images are compressed already and the web app is precompressed at build
// (routes/web.ts). Brotli at quality 3 (docs/decisions/033): the bytes of gzip -6 at a fifth of
// quality 5's time in the server.
import type { Context, MiddlewareHandler } from 'hono'
import { promisify } from 'node:util'
import { brotliCompress, brotliCompressSync, constants, deflate, deflateSync, gzip, gzipSync } from 'node:zlib'

export const COMPRESS_MIN_BYTES = 1024

export type Encoding = 'br' | 'gzip' | 'deflate'

/** The client's most wanted of `offered` (Accept-Encoding with q-values), or null for none. */
export function negotiateEncoding(header: string | undefined, offered: readonly Encoding[]): Encoding | null {
  if (!header) return null
  const q = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    const qv = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean)
    q.set(name!.trim(), qv ? Number(qv[1]) : 1)
  }
  let best: Encoding | null = null
  for (const enc of offered) {
    const weight = q.get(enc) ?? q.get('*') ?? 0
    if (weight > 0 && (best === null || weight > (q.get(best) ?? q.get('*') ?? 0))) best = enc
  }
  return best
}

/**
 * Up to this size a body is compressed on the event loop (~0.2 ms for a 40 KB gallery page); a hop
 * to libuv's thread pool and back cost more than that (p50 +0.33 ms, p95 +1.4 ms a response) and
 * contends with the requests it was meant to spare. Bigger bodies (a long job list) go to the pool
 * so that they do not hold up other requests.
 */
const COMPRESS_INLINE_MAX_BYTES = 128 * 1024

/**
 * Quality 3, not 5: in the server a 40 KB page took 0.8–1.1 ms at 5 (0.2 ms in a loop on its own:
 * its bigger hash tables start cold each call), 0.35 at 4 and 0.18 at 3, for 3.1, 3.5 and 3.6 KB.
 */
const brotliParams = (b: Buffer) => ({ params: { [constants.BROTLI_PARAM_QUALITY]: 3, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } })
const zlibParams = { level: 6 }
const [br, gz, df] = [promisify(brotliCompress), promisify(gzip), promisify(deflate)]
const inline: Record<Encoding, (b: Buffer) => Buffer> = {
  br: (b) => brotliCompressSync(b, brotliParams(b)),
  gzip: (b) => gzipSync(b, zlibParams),
  deflate: (b) => deflateSync(b, zlibParams),
}
const pooled: Record<Encoding, (b: Buffer) => Promise<Buffer>> = {
  br: (b) => br(b, brotliParams(b)),
  gzip: (b) => gz(b, zlibParams),
  deflate: (b) => df(b, zlibParams),
}

/**
 * Compresses what the routes answer with `c.json()`, from the text it made. Reading the body back
 * from the Response, and handing Hono a new one over the old, each made @hono/node-server build a full
 * web Response and stream it (0.3 ms of a 3 ms gallery page); a Response with its bytes at hand is
 * written straight out. JSON made another way (a route's own Response) is read back as before.
 */
export const compressJson =
  ({ inlineMaxBytes = COMPRESS_INLINE_MAX_BYTES } = {}): MiddlewareHandler =>
  async (c, next) => {
    const texts = new WeakMap<Response, string>()
    // Hono's own json(), keeping the text: newResponse() is the #newResponse json() calls.
    const respond = c.newResponse as (text: string, arg?: unknown, headers?: Record<string, string | string[]>) => Response
    c.json = ((object: unknown, arg?: unknown, headers?: Record<string, string | string[]>) => {
      const text = JSON.stringify(object)
      const res = respond(text, arg, { 'Content-Type': 'application/json', ...headers })
      texts.set(res, text)
      return res
    }) as unknown as typeof c.json
    await next()
    const res = c.res
    if (res.headers.has('Content-Encoding') || !res.headers.get('Content-Type')?.startsWith('application/json')) return
    const text = texts.get(res)
    if (text === undefined && !res.body) return
    const vary = res.headers.get('Vary')
    res.headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding')
    const encoding = negotiateEncoding(c.req.header('Accept-Encoding'), ['br', 'gzip', 'deflate'])
    if (!encoding) return
    const body = text !== undefined ? Buffer.from(text) : Buffer.from(await res.arrayBuffer())
    if (body.length < COMPRESS_MIN_BYTES) {
      if (text === undefined) answer(c, res, body)
      return
    }
    const compressed = body.length <= inlineMaxBytes ? inline[encoding](body) : await pooled[encoding](body)
    answer(c, res, compressed, encoding)
  }

/** Replaces `old` with `body` (its headers, status and length): unset first, or Hono would wrap the new one in yet another Response to copy the old one's headers. */
function answer(c: Context, old: Response, body: Buffer, encoding?: Encoding) {
  const headers = new Headers(old.headers)
  if (encoding) headers.set('Content-Encoding', encoding)
  headers.set('Content-Length', String(body.length))
  c.res = undefined
  c.res = new Response(new Uint8Array(body), { status: old.status, headers })
}
