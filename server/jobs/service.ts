// Creating and reading jobs. A job's row is written before anything is sent upstream.
import { randomInt, randomUUID } from 'node:crypto'
import type { Job } from '../../shared/api'
import { MODELS, SEED_MAX, type ModelId } from '../../shared/catalogue'
import { validateParams, type FieldErrors } from '../../shared/params'
import type { Repo } from '../db/repo'
import type { JobRow } from '../db/schema'
import { presentJob } from './present'
import type { JobRunner } from './runner'

export class InvalidParamsError extends Error {
  constructor(readonly fields: FieldErrors) {
    super(`Invalid parameters: ${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ')}`)
  }
}

export function createJobService(repo: Repo, runner: JobRunner) {
  const withImages = (rows: JobRow[]): Job[] => {
    const images = repo.imagesOfJobs(rows.map((r) => r.id))
    return rows.map((row) => presentJob(row, images.filter((i) => i.jobId === row.id)))
  }

  return {
    /** Validates and records a job, then hands it to the runner. `comparisonId` links a comparison cell. */
    create(model: ModelId, input: Record<string, unknown>, opts: { comparisonId?: string; retryOf?: string } = {}): Job {
      const checked = validateParams(model, input)
      if (!checked.ok) throw new InvalidParamsError(checked.errors)
      const params = checked.params
      // The seed is always chosen here when the user leaves it random, so it can be shown and reused.
      if (MODELS[model].params.seed && params.seed === undefined) params.seed = randomInt(0, SEED_MAX + 1)
      const now = Date.now()
      const id = randomUUID()
      repo.insertJob({
        id,
        model,
        prompt: String(params.prompt),
        params: JSON.stringify(params),
        seed: typeof params.seed === 'number' ? params.seed : null,
        status: 'submitting',
        comparisonId: opts.comparisonId ?? null,
        retryOf: opts.retryOf ?? null,
        createdAt: now,
        updatedAt: now,
      })
      runner.start(id)
      return presentJob(repo.getJob(id)!, [])
    },

    /** Drops a job that has not been sent upstream yet. Returns false when it is too late to cancel. */
    cancel(id: string): boolean {
      const row = repo.getJob(id)
      if (!row || row.status !== 'waiting') return false
      repo.updateJob(id, { status: 'cancelled', finishedAt: Date.now() })
      return true
    },

    list: (limit: number) => withImages(repo.listJobs(limit)),

    get(id: string): Job | undefined {
      const row = repo.getJob(id)
      return row ? withImages([row])[0] : undefined
    },
  }
}

export type JobService = ReturnType<typeof createJobService>
