// Copies a completed job's results into DATA_DIR: fetched from allowed hosts only, verified to be
// images of a sane size, measured, thumbnailed once. File names derive from the job, so a retry
// overwrites, never duplicates; a download that fails part-way removes what it had stored, so no
// file is orphaned.
import sharp from 'sharp'
import type { JobRow, NewImage } from '../db/stores'
import type { MediaRef, UpstreamStatus } from '../pixazo/normalise'
import type { ImageStore, StoredImage } from '../storage/image-store'
import { fetchMedia, MediaError, type MediaFetchOptions } from '../storage/media-fetch'

/** 40 megapixels: well above every model's largest size, well below what would exhaust memory. */
export const MAX_IMAGE_PIXELS = 40_000_000

export type DownloadOptions = MediaFetchOptions & { store: ImageStore; maxPixels?: number }

export const imageIdFor = (jobId: string, index: number) => `${jobId}-${index}`

/** Only as many results as were paid for are kept; the rest are reported, never stored. */
export function capMedia(media: MediaRef[], numImages: number | undefined): { kept: MediaRef[]; extra: MediaRef[] } {
  const paid = Math.max(1, numImages ?? 1)
  return { kept: media.slice(0, paid), extra: media.slice(paid) }
}

async function checkPixels(data: Buffer, maxPixels: number) {
  // Reads the header only: a decompression bomb is refused before it is decoded.
  const { width, height } = await sharp(data)
    .metadata()
    .catch(() => ({ width: undefined, height: undefined }))
  if (width && height && width * height > maxPixels) {
    throw new MediaError(
      `The image is ${width}×${height} (${((width * height) / 1e6).toFixed(1)} MP), over Darkroom's ${maxPixels / 1e6} MP limit; it was not stored`,
      false,
    )
  }
}

export async function downloadResults(job: JobRow, status: UpstreamStatus, opts: DownloadOptions, createdAt = Date.now()): Promise<NewImage[]> {
  if (status.media.length === 0) throw new Error('Pixazo reported COMPLETED but sent no image URL')
  const stored: StoredImage[] = []
  try {
    for (const media of status.media) {
      const data = await fetchMedia(media.url, opts)
      await checkPixels(data, opts.maxPixels ?? MAX_IMAGE_PIXELS)
      stored.push(await opts.store.save(imageIdFor(job.id, stored.length), data))
    }
  } catch (err) {
    await Promise.all(stored.map((s) => opts.store.remove(s)))
    throw err
  }
  // Copied from the job so every gallery filter is an indexed lookup on images alone.
  const num = (v: unknown) => (typeof v === 'number' ? v : null)
  const copied = { model: job.model, seed: job.seed, steps: num(job.params.num_inference_steps), guidance: num(job.params.guidance_scale) }
  return stored.map((s, index) => ({ id: imageIdFor(job.id, index), jobId: job.id, index, createdAt, ...copied, ...s }))
}
