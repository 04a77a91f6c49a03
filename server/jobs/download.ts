// Copies a completed job's results into DATA_DIR: fetched from allowed hosts only, verified to be
// images, measured, thumbnailed once. File names derive from the job, so a retry overwrites, never duplicates.
import type { NewImage } from '../db/repo'
import type { JobRow } from '../db/schema'
import type { UpstreamStatus } from '../pixazo/normalise'
import type { ImageStore } from '../storage/image-store'
import { fetchMedia, MediaError, type MediaFetchOptions } from '../storage/media-fetch'

export type DownloadOptions = MediaFetchOptions & { store: ImageStore; attempts: number; retryDelayMs: number }

export const imageIdFor = (jobId: string, index: number) => `${jobId}-${index}`

export async function downloadResults(job: JobRow, status: UpstreamStatus, opts: DownloadOptions): Promise<NewImage[]> {
  if (status.media.length === 0) throw new Error('Pixazo reported COMPLETED but sent no image URL')
  const createdAt = Date.now()
  const rows: NewImage[] = []
  for (const [index, media] of status.media.entries()) {
    const id = imageIdFor(job.id, index)
    const stored = await withAttempts(opts.attempts, opts.retryDelayMs, async () =>
      opts.store.save(id, await fetchMedia(media.url, opts)),
    )
    rows.push({ id, jobId: job.id, index, createdAt, ...stored })
  }
  return rows
}

async function withAttempts<T>(attempts: number, delayMs: number, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn()
    } catch (err) {
      if (attempt >= attempts || (err instanceof MediaError && !err.retryable)) throw err
      await new Promise((r) => setTimeout(r, delayMs * attempt))
    }
  }
}
