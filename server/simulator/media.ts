// Result images: rendered on first download and kept in a small bounded cache, like a CDN edge.
import { SEED_MAX } from '../../shared/catalogue'
import { renderImage, type ImageFormat } from './image'
import type { Job } from './jobs'

export const MIME_TYPES: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
}

export const mediaFileName = (job: Job, index: number) => `output-${index}.${job.format}`

export const mediaUrl = (origin: string, job: Job, index: number) =>
  `${origin}/media/${encodeURIComponent(job.requestId)}/${mediaFileName(job, index)}`

export type MediaCache = { get(job: Job, index: number): Promise<Buffer> }

/** A least-recently-used cache of rendered images, holding at most `limit` of them. */
export function createMediaCache(limit = 24): MediaCache {
  const entries = new Map<string, Promise<Buffer>>()
  return {
    get(job, index) {
      const key = `${job.requestId}/${index}`
      let entry = entries.get(key)
      if (entry) {
        entries.delete(key)
      } else {
        // Each image of a batch gets its own seed, as the real models do.
        const seed = (job.seed + index) % (SEED_MAX + 1)
        const { prompt, width, height, format, model, steps, guidance } = job
        entry = renderImage({ prompt, seed, width, height, format, model, steps, guidance })
        entry.catch(() => entries.delete(key))
      }
      entries.set(key, entry)
      for (const oldest of entries.keys()) {
        if (entries.size <= limit) break
        entries.delete(oldest)
      }
      return entry
    },
  }
}
