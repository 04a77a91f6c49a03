// Reads every documented status shape into one: the universal endpoint's vocabulary
// (QUEUED/PROCESSING/COMPLETED/FAILED/ERROR, `output.media_url` as array, string or data URIs)
// and Z-Image's legacy fal-style one (IN_QUEUE/IN_PROGRESS, `images[]`).
import { PixazoProtocolError } from './errors'

export type UpstreamState = 'queued' | 'processing' | 'completed' | 'failed' | 'error' | 'unknown'

export type MediaRef = { url: string; width?: number; height?: number; contentType?: string }

export type UpstreamStatus = {
  state: UpstreamState
  /** The status word exactly as the gateway sent it. */
  raw: string
  media: MediaRef[]
  /** The gateway's label for the media; may be wrong (octet-stream), the bytes decide. */
  mediaType: string | null
  queuePosition: number | null
  error: string | null
}

const STATES: Record<string, UpstreamState> = {
  QUEUED: 'queued',
  IN_QUEUE: 'queued',
  PENDING: 'queued',
  PROCESSING: 'processing',
  IN_PROGRESS: 'processing',
  RUNNING: 'processing',
  COMPLETED: 'completed',
  FAILED: 'failed',
  ERROR: 'error',
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null)
const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : undefined)

function mediaFromUrls(value: unknown): MediaRef[] {
  const list = Array.isArray(value) ? value : [value]
  return list.flatMap((u) => (str(u) ? [{ url: u as string }] : []))
}

function mediaFromImages(value: unknown): MediaRef[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((img) => {
    if (typeof img === 'string') return [{ url: img }]
    if (!isRecord(img) || !str(img.url)) return []
    return [{ url: img.url as string, width: int(img.width), height: int(img.height), contentType: str(img.content_type) ?? undefined }]
  })
}

function errorText(value: unknown): string | null {
  if (str(value)) return value as string
  if (isRecord(value)) return str(value.message) ?? str(value.error) ?? JSON.stringify(value)
  return null
}

/** `clean` makes the gateway's words safe to keep (server/pixazo/vendor-text.ts). */
export function normaliseStatus(body: unknown, clean: (text: string) => string = (t) => t): UpstreamStatus {
  if (!isRecord(body) || !str(body.status)) {
    throw new PixazoProtocolError(clean(`Status answer without a status word: ${JSON.stringify(body).slice(0, 200)}`))
  }
  const raw = body.status as string
  const state = STATES[raw.toUpperCase()] ?? 'unknown'
  const output = isRecord(body.output) ? body.output : {}
  const media = [...mediaFromUrls(output.media_url), ...mediaFromImages(output.images), ...mediaFromImages(body.images)]
  const queuePosition = int(body.queue_position) ?? null
  return {
    state,
    raw,
    media: dedupe(media),
    mediaType: str(output.media_type),
    queuePosition,
    error: errorText(body.error),
  }
}

function dedupe(media: MediaRef[]): MediaRef[] {
  const seen = new Set<string>()
  return media.filter((m) => (seen.has(m.url) ? false : (seen.add(m.url), true)))
}
