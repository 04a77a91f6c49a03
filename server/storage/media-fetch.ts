// Downloads one result from the gateway's media hosts: only from allowed origins (redirects
// included), within a size cap and a time limit. `data:` URIs (sync_mode) are decoded in place.
import { cleanVendorText } from '../pixazo/vendor-text'

export class MediaError extends Error {
  /** False when trying again cannot help (a host that is not allowed, a malformed URL, too many bytes). */
  constructor(
    message: string,
    readonly retryable = true,
  ) {
    // Messages quote the gateway's URLs: shown to users, so cleaned like its other words.
    super(cleanVendorText(message))
  }
}

export type MediaFetchOptions = {
  allowedOrigins: ReadonlySet<string>
  maxBytes: number
  timeoutMs: number
  fetch?: typeof fetch
}

const MAX_REDIRECTS = 3

export async function fetchMedia(url: string, opts: MediaFetchOptions): Promise<Buffer> {
  if (url.startsWith('data:')) return decodeDataUri(url, opts.maxBytes)
  const doFetch = opts.fetch ?? fetch
  const signal = AbortSignal.timeout(opts.timeoutMs)
  let current = url
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    assertAllowed(current, opts.allowedOrigins)
    let res: Response
    try {
      res = await doFetch(current, { redirect: 'manual', signal })
    } catch (err) {
      throw new MediaError(`Download of ${current} failed: ${(err as Error).name === 'TimeoutError' ? 'timed out' : (err as Error).message}`)
    }
    if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      await res.body?.cancel()
      current = new URL(res.headers.get('location')!, current).toString()
      continue
    }
    if (!res.ok) {
      await res.body?.cancel()
      throw new MediaError(`Download of ${current} failed: HTTP ${res.status}`)
    }
    return readCapped(res, opts.maxBytes, current)
  }
  throw new MediaError(`Download of ${url} failed: more than ${MAX_REDIRECTS} redirects`)
}

function assertAllowed(url: string, allowed: ReadonlySet<string>) {
  let origin: string
  try {
    origin = new URL(url).origin
  } catch {
    throw new MediaError(`Result URL is not a URL: ${url.slice(0, 200)}`, false)
  }
  if (!allowed.has(origin)) {
    throw new MediaError(`Refused to download from ${origin}: not the gateway or a known media host (see PIXAZO_MEDIA_ORIGINS)`, false)
  }
}

async function readCapped(res: Response, maxBytes: number, url: string): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel()
    throw new MediaError(`Download of ${url} refused: ${declared} bytes is over the ${maxBytes}-byte limit`, false)
  }
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = res.body?.getReader()
  try {
    for (let r = await reader?.read(); r && !r.done; r = await reader!.read()) {
      total += r.value.byteLength
      if (total > maxBytes) {
        await reader!.cancel()
        throw new MediaError(`Download of ${url} refused: over the ${maxBytes}-byte limit`, false)
      }
      chunks.push(r.value)
    }
  } catch (err) {
    if (err instanceof MediaError) throw err
    throw new MediaError(`Download of ${url} broke off: ${(err as Error).message}`)
  }
  return Buffer.concat(chunks)
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/

/** Malformed or too big is final: the same answer would be decoded again. */
function decodeDataUri(uri: string, maxBytes: number): Buffer {
  const match = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(uri)
  if (!match) throw new MediaError('Result is a malformed data URI', false)
  const data = match[3]!
  if (match[2]) {
    const compact = data.replace(/\s+/g, '')
    if (!BASE64.test(compact)) throw new MediaError('Result is a malformed data URI: its base64 holds other characters', false)
    if (Math.floor((compact.length * 3) / 4) > maxBytes + 2) throw new MediaError(`Result data URI is over the ${maxBytes}-byte limit`, false)
    const buf = Buffer.from(compact, 'base64')
    if (buf.length > maxBytes) throw new MediaError(`Result data URI is over the ${maxBytes}-byte limit`, false)
    return buf
  }
  if (data.length > maxBytes * 3) throw new MediaError(`Result data URI is over the ${maxBytes}-byte limit`, false)
  let buf: Buffer
  try {
    buf = Buffer.from(decodeURIComponent(data))
  } catch {
    throw new MediaError('Result is a malformed data URI: bad percent-encoding', false)
  }
  if (buf.length > maxBytes) throw new MediaError(`Result data URI is over the ${maxBytes}-byte limit`, false)
  return buf
}
