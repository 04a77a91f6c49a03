// Rows for the contract suites: a job in any status, and the images a download would store.
import type { JobStatus } from '../../../../shared/job-states'
import type { Data, NewImage, NewJob } from '../../../../server/db/stores'

export type DataFactory = () => Promise<Data>

export const job = (id: string, status: JobStatus, over: Partial<NewJob> = {}): NewJob => ({
  id,
  model: 'z-image-turbo',
  prompt: `prompt of ${id}`,
  params: { prompt: `prompt of ${id}`, num_images: 1 },
  status,
  createdAt: 1000,
  updatedAt: 1000,
  ...over,
})

export const image = (jobId: string, index = 0, over: Partial<NewImage> = {}): NewImage => ({
  id: `${jobId}-${index}`,
  jobId,
  index,
  fileName: `${jobId}-${index}.png`,
  thumbName: `${jobId}-${index}.webp`,
  mimeType: 'image/png',
  width: 1024,
  height: 1024,
  bytes: 10,
  createdAt: 1000,
  model: 'z-image-turbo',
  ...over,
})

/** A completed job with `count` images, through the store's own path (downloading → completed). */
export async function completedJob(data: Data, id: string, count = 1, over: Partial<NewJob> = {}, imageOver: Partial<NewImage> = {}) {
  await data.jobs.insertJob(job(id, 'downloading', over))
  const rows = Array.from({ length: count }, (_, i) =>
    image(id, i, { model: over.model ?? 'z-image-turbo', createdAt: over.createdAt ?? 1000, ...imageOver }),
  )
  if (!(await data.jobs.completeJob(id, rows, { finishedAt: 2000 }))) throw new Error(`could not complete ${id}`)
}
