// How long a model usually takes, from the jobs already in the list: no extra request, and it
// follows the gateway's mood of the day rather than a number written in the catalogue.
import type { Job } from '../../../shared/api'
import type { ModelId } from '../../../shared/catalogue'

/** Completed jobs looked at, newest first: enough for a steady median, recent enough to be current. */
const SAMPLE = 10

/** The median time from submit to finish of the model's recent completed jobs, or null with none. */
export function typicalDurationMs(jobs: Job[], model: ModelId): number | null {
  const times = jobs
    .filter((job) => job.model === model && job.status === 'completed' && job.finishedAt)
    .slice(0, SAMPLE)
    .map((job) => Date.parse(job.finishedAt!) - Date.parse(job.createdAt))
    .sort((a, b) => a - b)
  if (times.length === 0) return null
  const mid = Math.floor(times.length / 2)
  return times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2
}
