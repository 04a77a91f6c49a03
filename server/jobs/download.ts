// Copies a completed job's results into DATA_DIR: fetched from allowed hosts only, verified to be
// images, measured, thumbnailed once. File names derive from the job, so a retry overwrites, never
// duplicates; a download that fails part-way removes what it had stored, so no file is orphaned.
import type { NewImage } from '../db/repo'
import type { JobRow } from '../db/schema'
import type { UpstreamStatus } from '../pixazo/normalise'
import type { ImageStore, StoredImage } from '../storage/image-store'
import { fetchMedia, type MediaFetchOptions } from '../storage/media-fetch'

export type DownloadOptions = MediaFetchOptions & { store: ImageStore }

export const imageIdFor = (jobId: string, index: number) => `${jobId}-${index}`

export async function downloadResults(job: JobRow, status: UpstreamStatus, opts: DownloadOptions): Promise<NewImage[]> {
  if (status.media.length === 0) throw new Error('Pixazo reported COMPLETED but sent no image URL')
  const createdAt = Date.now()
  const stored: StoredImage[] = []
  try {
    for (const media of status.media) {
      stored.push(await opts.store.save(imageIdFor(job.id, stored.length), await fetchMedia(media.url, opts)))
    }
  } catch (err) {
    await Promise.all(stored.map((s) => opts.store.remove(s)))
    throw err
  }
  // Copied from the job so every gallery filter is an indexed lookup on images alone.
  const params = JSON.parse(job.params) as Record<string, unknown>
  const num = (v: unknown) => (typeof v === 'number' ? v : null)
  const copied = { model: job.model, seed: job.seed, steps: num(params.num_inference_steps), guidance: num(params.guidance_scale) }
  return stored.map((s, index) => ({ id: imageIdFor(job.id, index), jobId: job.id, index, createdAt, ...copied, ...s }))
}
