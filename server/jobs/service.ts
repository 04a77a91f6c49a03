// Creating and reading jobs. A job's row is written before anything is sent upstream.
import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
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

/** A request that does not fit the job's current state (HTTP 409). */
export class JobStateError extends Error {}

const RETRYABLE = ['failed', 'uncertain', 'timed_out', 'cancelled']

export type JobServiceHooks = {
  /** Remembers the prompt in the history, which outlives the images made from it. */
  recordPrompt?: (prompt: string, negativePrompt: string | null, model: string, at: number) => void
  /** Throws when a job of this cost would cross a spending limit. */
  checkBudget?: (costUsd: number) => void
  priceOf?: (model: string) => number
}

export function createJobService(repo: Repo, runner: JobRunner, hooks: JobServiceHooks = {}) {
  const withImages = (rows: JobRow[]): Job[] => {
    const images = repo.imagesOfJobs(rows.map((r) => r.id))
    const queue = rows.some((r) => r.status === 'waiting') ? repo.waitingOrder() : []
    return rows.map((row) => {
      const job = presentJob(row, images.filter((i) => i.jobId === row.id))
      const position = queue.indexOf(row.id)
      return position === -1 ? job : { ...job, localQueuePosition: position + 1 }
    })
  }

  return {
    /** Validates and records a job, then hands it to the runner. `comparisonId` links a comparison cell. */
    create(model: ModelId, input: Record<string, unknown>, opts: { comparisonId?: string; retryOf?: string; actor?: string } = {}): Job {
      const checked = validateParams(model, input)
      if (!checked.ok) throw new InvalidParamsError(checked.errors)
      const params = checked.params
      // A comparison's cells were paid for when the comparison was accepted (and counted as reserved since).
      if (!opts.comparisonId && hooks.checkBudget && hooks.priceOf) hooks.checkBudget(Number(params.num_images ?? 1) * hooks.priceOf(model))
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
        status: 'waiting',
        comparisonId: opts.comparisonId ?? null,
        retryOf: opts.retryOf ?? null,
        createdBy: opts.actor ?? null,
        createdAt: now,
        updatedAt: now,
      })
      hooks.recordPrompt?.(String(params.prompt), typeof params.negative_prompt === 'string' && params.negative_prompt ? params.negative_prompt : null, model, now)
      runner.enqueue()
      return presentJob(repo.getJob(id)!, [])
    },

    /**
     * The Retry action. A download that failed is downloaded again (nothing is regenerated); anything
     * else that ended without images becomes a new job with the same parameters, linked to the old one.
     */
    retry(id: string, actor?: string): Job | undefined {
      const row = repo.getJob(id)
      if (!row) return undefined
      if (row.status === 'failed' && row.errorCode === 'download') {
        runner.recheck(id)
        return this.get(id)
      }
      if (!RETRYABLE.includes(row.status)) throw new JobStateError(`A ${row.status} job cannot be retried`)
      return this.create(row.model as ModelId, JSON.parse(row.params), { comparisonId: row.comparisonId ?? undefined, retryOf: row.id, actor })
    },

    /** The Re-check action for a timed-out job: ask Pixazo again, resubmitting nothing. */
    recheck(id: string): Job | undefined {
      const row = repo.getJob(id)
      if (!row) return undefined
      if (!runner.recheck(id)) throw new JobStateError(`Only timed-out jobs and failed downloads can be re-checked; this one is ${row.status}`)
      return this.get(id)
    },

    /**
     * A webhook call from the gateway. Only the token is believed: the body is ignored (its media URLs
     * are never fetched) and the status is read again from the gateway. False for a wrong token.
     */
    acceptWebhook(id: string, token: string): boolean {
      const expected = repo.getJob(id)?.webhookToken
      if (!expected || expected.length !== token.length) return false
      if (!timingSafeEqual(Buffer.from(expected), Buffer.from(token))) return false
      runner.poke(id)
      return true
    },

    /** Drops a job that has not been sent upstream yet. Returns false when it is too late to cancel. */
    cancel(id: string): boolean {
      return repo.transition(id, 'waiting', { status: 'cancelled', finishedAt: Date.now(), nextAttemptAt: null, retryReason: null })
    },

    /** Takes a finished job off the list (its images stay in the gallery). False while it still runs. */
    dismiss: (id: string): boolean => repo.dismissJob(id, Date.now()),

    list: (limit: number) => withImages(repo.listJobs(limit)),

    get(id: string): Job | undefined {
      const row = repo.getJob(id)
      return row ? withImages([row])[0] : undefined
    },
  }
}

export type JobService = ReturnType<typeof createJobService>
