// Result images, kept in a small bounded cache like a CDN edge. As on the real gateway, where the file
// exists when the job says COMPLETED, a job's images are rendered while it runs (warm), so fetching
// them costs a transfer, not a render; one evicted or never warmed is rendered on first download.
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

export type MediaCache = {
  get(job: Job, index: number): Promise<Buffer>
  /** Renders a job's images ahead of their download, unless many renders are already under way. */
  warm(job: Job): void
}

/** Renders under way ahead of downloads: past this, a burst of jobs renders on download instead. */
const MAX_WARMING = 8

/** A least-recently-used cache of rendered images, holding at most `limit` of them. */
export function createMediaCache(limit = 64, render: typeof renderImage = renderImage): MediaCache {
  const entries = new Map<string, Promise<Buffer>>()
  let warming = 0
  const cache: MediaCache = {
    warm(job) {
      if (warming + job.numImages > MAX_WARMING) return
      for (let index = 0; index < job.numImages; index++) {
        warming++
        void cache
          .get(job, index)
          .catch(() => {})
          .finally(() => warming--)
      }
    },
    get(job, index) {
      const key = `${job.requestId}/${index}`
      let entry = entries.get(key)
      if (entry) {
        entries.delete(key)
      } else {
        // Each image of a batch gets its own seed, as the real models do.
        const seed = (job.seed + index) % (SEED_MAX + 1)
        const { prompt, width, height, format, model, steps, guidance } = job
        entry = render({ prompt, seed, width, height, format, model, steps, guidance })
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
  return cache
}
