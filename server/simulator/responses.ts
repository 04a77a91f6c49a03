// The gateway's response bodies for a job: the universal status object and Z-Image's legacy
// fal-style result. Shapes follow shared/pixazo-api.md.
import { MODELS } from '../../shared/catalogue'
import { phaseAt, type Job } from './jobs'
import { MIME_TYPES, mediaUrl, type MediaCache } from './media'

export type StatusObject = {
  request_id: string
  status: string
  model_id: string
  error: string | null
  output: { media_url: string[]; media_type: string } | null
  created_at: string
  updated_at: string
  completed_at: string | null
}

/** The generate answer: a QUEUED ticket whose polling_url is on the served origin. */
export const ticket = (origin: string, requestId: string) => ({
  request_id: requestId,
  status: 'QUEUED',
  polling_url: `${origin}/v2/requests/status/${requestId}`,
})

const iso = (ms: number) => new Date(ms).toISOString()
const indexes = (job: Job) => Array.from({ length: job.numImages }, (_, i) => i)

/** `sync_mode` results carry the images inline as data URIs instead of links. */
async function mediaUrls(job: Job, origin: string, media: MediaCache): Promise<string[]> {
  if (!job.syncMode) return indexes(job).map((i) => mediaUrl(origin, job, i))
  const buffers = await Promise.all(indexes(job).map((i) => media.get(job, i)))
  return buffers.map((b) => `data:${MIME_TYPES[job.format]};base64,${b.toString('base64')}`)
}

export async function statusObject(job: Job, now: number, origin: string, media: MediaCache): Promise<StatusObject> {
  const phase = phaseAt(job, now)
  const done = phase.status === 'COMPLETED'
  return {
    request_id: job.requestId,
    status: phase.status,
    model_id: MODELS[job.model].endpointId,
    error: phase.status === 'FAILED' || phase.status === 'ERROR' ? job.error : null,
    output: done ? { media_url: await mediaUrls(job, origin, media), media_type: MIME_TYPES[job.format] } : null,
    created_at: iso(job.createdAt),
    updated_at: iso(phase.updatedAt),
    completed_at: phase.completedAt === null ? null : iso(phase.completedAt),
  }
}

/** Z-Image's older `…-request-result` vocabulary (fal's queue statuses). ERROR maps to FAILED. */
export async function legacyResult(job: Job, now: number, origin: string, media: MediaCache) {
  const { status } = phaseAt(job, now)
  const request_id = job.requestId
  switch (status) {
    case 'QUEUED':
      return { request_id, status: 'IN_QUEUE', queue_position: 0 }
    case 'PROCESSING':
      return { request_id, status: 'IN_PROGRESS' }
    case 'FAILED':
    case 'ERROR':
      return { status: 'FAILED', request_id, error: job.error }
    case 'COMPLETED': {
      const urls = await mediaUrls(job, origin, media)
      const images = urls.map((url) => ({ url, width: job.width, height: job.height, content_type: MIME_TYPES[job.format] }))
      return { request_id, status: 'COMPLETED', images, seed: job.seed, prompt: job.prompt }
    }
  }
}
