// Turns rows into the API's shapes (shared/api.ts). Every image URL the web app uses is made here.
import type { Image, Job } from '../../shared/api'
import { estimateCostUsd, type ModelId } from '../../shared/catalogue'
import type { ImageRow, JobRow } from '../db/stores'

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

export const imageUrls = (id: string) => ({
  url: `/api/images/${encodeURIComponent(id)}/file`,
  thumbUrl: `/api/images/${encodeURIComponent(id)}/thumb`,
  downloadUrl: `/api/images/${encodeURIComponent(id)}/download`,
})

export function presentImage(image: ImageRow, job: JobRow): Image {
  return {
    id: image.id,
    jobId: job.id,
    comparisonId: job.comparisonId,
    index: image.index,
    model: job.model as ModelId,
    prompt: job.prompt,
    promptTemplate: job.promptTemplate,
    params: job.params,
    seed: job.seed,
    width: image.width,
    height: image.height,
    bytes: image.bytes,
    mimeType: image.mimeType,
    createdAt: new Date(image.createdAt).toISOString(),
    favourite: image.favourite,
    rating: image.rating,
    ...imageUrls(image.id),
  }
}

export function presentJob(job: JobRow, images: ImageRow[]): Job {
  const params = job.params
  return {
    id: job.id,
    model: job.model as ModelId,
    prompt: job.prompt,
    promptTemplate: job.promptTemplate,
    params,
    seed: job.seed,
    status: job.status,
    upstreamStatus: job.upstreamStatus,
    requestId: job.requestId,
    queuePosition: job.queuePosition,
    error: job.errorCode && job.errorMessage ? { code: job.errorCode, message: job.errorMessage, action: job.errorAction ?? '' } : null,
    retry:
      job.nextAttemptAt !== null && job.retryReason
        ? { reason: job.retryReason, nextAttemptAt: new Date(job.nextAttemptAt).toISOString(), attempt: job.attempts }
        : null,
    retryOf: job.retryOf,
    comparisonId: job.comparisonId,
    localQueuePosition: null,
    estimatedCostUsd: estimateCostUsd(job.model as ModelId, Number(params.num_images ?? 1)),
    createdAt: new Date(job.createdAt).toISOString(),
    submittedAt: iso(job.submittedAt),
    finishedAt: iso(job.finishedAt),
    images: images.map((img) => presentImage(img, job)),
  }
}
