// Creating and reading jobs. A job's row is written before anything is sent upstream, through the
// budget gate: new jobs, retries, re-checks and comparison cells alike.
import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
import type { Job } from '../../shared/api'
import { MODELS, SEED_MAX, type ModelId } from '../../shared/catalogue'
import { validateParams } from '../../shared/params'
import { RETRYABLE_STATUSES } from '../../shared/job-states'
import type { JobRow, JobStore } from '../db/stores'
import { Conflict, Invalid, NotFound } from '../errors'
import { presentJob } from './present'
import type { JobRunner } from './runner'

/** Runs work that may create upstream work in one transaction, refusing it past a budget (server/spend). */
export type BudgetGate = <T>(work: () => Promise<T>) => Promise<T>

export type JobServiceHooks = {
  /** Remembers the prompt in the history, which outlives the images made from it. */
  recordPrompt?: (prompt: string, negativePrompt: string | null, model: string, at: number) => Promise<void>
  gate?: BudgetGate
}

export function createJobService(repo: JobStore, runner: JobRunner, hooks: JobServiceHooks = {}) {
  const gate: BudgetGate = hooks.gate ?? ((work) => work())
  const find = async (id: string): Promise<JobRow> => {
    const row = await repo.getJob(id)
    if (!row) throw new NotFound('No job with this id')
    return row
  }
  const withImages = async (rows: JobRow[]): Promise<Job[]> => {
    const images = await repo.imagesOfJobs(rows.map((r) => r.id))
    const queue = rows.some((r) => r.status === 'waiting') ? await repo.waitingOrder() : []
    return rows.map((row) => {
      const job = presentJob(
        row,
        images.filter((i) => i.jobId === row.id),
      )
      const position = queue.indexOf(row.id)
      return position === -1 ? job : { ...job, localQueuePosition: position + 1 }
    })
  }
  const get = async (id: string): Promise<Job> => (await withImages([await find(id)]))[0]!

  /** `inTransaction`: called inside the caller's transaction; the runner takes the job once it commits. */
  type CreateOptions = { comparisonId?: string; retryOf?: string; actor?: string; promptTemplate?: string; inTransaction?: boolean }

  /** Checks a job's parameters against the model and makes its row; writes nothing. */
  function prepare(model: ModelId, input: Record<string, unknown>, opts: CreateOptions, now: number, label = 'Invalid parameters') {
    const checked = validateParams(model, input)
    if (!checked.ok) {
      const fields = checked.errors
      throw new Invalid(
        `${label}: ${Object.entries(fields)
          .map(([k, v]) => `${k}: ${v}`)
          .join('; ')}`,
        fields,
      )
    }
    const params = checked.params
    // The seed is always chosen here when the user leaves it random, so it can be shown and reused.
    if (MODELS[model].params.seed && params.seed === undefined) params.seed = randomInt(0, SEED_MAX + 1)
    return {
      id: randomUUID(),
      model,
      prompt: String(params.prompt),
      promptTemplate: opts.promptTemplate ?? null,
      params: { ...params, prompt: String(params.prompt) },
      seed: typeof params.seed === 'number' ? params.seed : null,
      status: 'waiting' as const,
      comparisonId: opts.comparisonId ?? null,
      retryOf: opts.retryOf ?? null,
      createdBy: opts.actor ?? null,
      createdAt: now,
      updatedAt: now,
    }
  }

  const recordPrompt = (prompt: string, params: Record<string, unknown>, model: ModelId, now: number) =>
    hooks.recordPrompt?.(prompt, typeof params.negative_prompt === 'string' && params.negative_prompt ? params.negative_prompt : null, model, now)

  /** Validates and records a job, then hands it to the runner. `comparisonId` links a comparison cell. */
  async function create(model: ModelId, input: Record<string, unknown>, opts: CreateOptions = {}): Promise<Job> {
    const now = Date.now()
    const row = prepare(model, input, opts, now)
    await gate(() => repo.insertJob(row))
    await recordPrompt(row.prompt, row.params, model, now)
    const dispatched = runner.enqueue()
    if (!opts.inTransaction) await dispatched
    return presentJob((await repo.getJob(row.id))!, [])
  }

  /**
   * A batch: every input is checked first, then all jobs are written under ONE budget check, so the
   * batch runs whole or not at all. The history remembers the template, not each prompt it made.
   */
  async function createMany(model: ModelId, inputs: Record<string, unknown>[], opts: CreateOptions & { history: string }): Promise<Job[]> {
    const now = Date.now()
    const rows = inputs.map((input, i) =>
      prepare(model, input, opts, now, `Prompt ${i + 1} of ${inputs.length} (“${String(input.prompt).slice(0, 60)}”)`),
    )
    await gate(async () => {
      for (const row of rows) await repo.insertJob(row)
    })
    if (rows[0]) await recordPrompt(opts.history, rows[0].params, model, now)
    await runner.enqueue()
    const stored = await Promise.all(rows.map((row) => repo.getJob(row.id)))
    return stored.map((row) => presentJob(row!, []))
  }

  /** The Re-check action for a timed-out job or a failed download: ask Pixazo again, resubmitting nothing. */
  async function recheck(id: string): Promise<Job> {
    const row = await find(id)
    // Through the gate like every action on upstream work; it adds no charge, so it always fits.
    if (!(await gate(() => runner.recheck(id)))) {
      throw new Conflict(`Only timed-out jobs and failed downloads can be re-checked; this one is ${row.status}`)
    }
    return get(id)
  }

  return {
    create,
    createMany,
    recheck,

    /**
     * The Retry action. A download that failed is downloaded again (nothing is regenerated); anything
     * else that ended without images becomes a new job with the same parameters, linked to the old one.
     */
    async retry(id: string, actor?: string): Promise<Job> {
      const row = await find(id)
      if (row.status === 'download_failed') return recheck(id)
      if (!RETRYABLE_STATUSES.includes(row.status)) throw new Conflict(`A ${row.status} job cannot be retried`)
      return create(row.model as ModelId, row.params, { comparisonId: row.comparisonId ?? undefined, retryOf: row.id, actor })
    },

    /**
     * A webhook call from the gateway. Only the token is believed: the body is ignored (its media URLs
     * are never fetched) and the status is read again from the gateway. False for a wrong token.
     */
    async acceptWebhook(id: string, token: string): Promise<boolean> {
      const expected = (await repo.getJob(id))?.webhookToken
      if (!expected || expected.length !== token.length) return false
      if (!timingSafeEqual(Buffer.from(expected), Buffer.from(token))) return false
      await runner.poke(id)
      return true
    },

    /** Drops a job that has not been sent upstream yet. */
    async cancel(id: string): Promise<Job> {
      await find(id)
      const cancelled = await repo.transition(id, 'waiting', 'cancelled', { finishedAt: Date.now(), nextAttemptAt: null, retryReason: null })
      if (!cancelled) throw new Conflict('Only a job still waiting in Darkroom can be cancelled; this one has been sent to Pixazo')
      return get(id)
    },

    /** Hides a finished job from the list; the job and its images stay. Conflict while it still runs. */
    async dismiss(id: string): Promise<void> {
      await find(id)
      if (!(await repo.dismissJob(id, Date.now()))) throw new Conflict('A job still running cannot be dismissed; cancel it or wait for it to finish')
    },

    list: async (limit: number) => withImages(await repo.listJobs(limit)),

    get,
  }
}

export type JobService = ReturnType<typeof createJobService>
