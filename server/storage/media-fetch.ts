// Downloads one result from the gateway's media hosts: only from allowed origins (redirects
// included), within a size cap and a time limit. `data:` URIs (sync_mode) are decoded in place.
export class MediaError extends Error {
  /** False when trying again cannot help (a host that is not allowed, a malformed URL). */
  constructor(
    message: string,
    readonly retryable = true,
  ) {
    super(message)
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
    throw new MediaError(`Download of ${url} refused: ${declared} bytes is over the ${maxBytes}-byte limit`)
  }
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = res.body?.getReader()
  try {
    for (let r = await reader?.read(); r && !r.done; r = await reader!.read()) {
      total += r.value.byteLength
      if (total > maxBytes) {
        await reader!.cancel()
        throw new MediaError(`Download of ${url} refused: over the ${maxBytes}-byte limit`)
      }
      chunks.push(r.value)
    }
  } catch (err) {
    if (err instanceof MediaError) throw err
    throw new MediaError(`Download of ${url} broke off: ${(err as Error).message}`)
  }
  return Buffer.concat(chunks)
}

function decodeDataUri(uri: string, maxBytes: number): Buffer {
  const match = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(uri)
  if (!match) throw new MediaError('Result is a malformed data URI')
  const buf = match[2] ? Buffer.from(match[3]!, 'base64') : Buffer.from(decodeURIComponent(match[3]!))
  if (buf.length > maxBytes) throw new MediaError(`Result data URI is over the ${maxBytes}-byte limit`)
  return buf
}
