// Batches: one submit that makes many jobs, from a dynamic-prompt template or a file of prompts. The
// server expands the template (or reads the file) itself — a list of prompts made by a browser is
// never trusted — with the named lists it keeps, then asks for confirmation above the threshold and
// creates the jobs under one budget check (docs/decisions/023-batches.md).
import { randomInt } from 'node:crypto'
import { planBatch, planFile, type Batch, type BatchLimits, type BatchRequest } from '../../shared/batch'
import { defaultParams, estimateCostUsd, MODELS, PROMPT_MAX_CHARS, SEED_MAX, type ModelId } from '../../shared/catalogue'
import type { NamedLists } from '../../shared/dynamic-prompts'
import { formatLineError } from '../../shared/prompt-file'
import { Invalid } from '../errors'
import type { JobService } from '../jobs/service'

export type BatchServiceDeps = {
  jobs: JobService
  /** The named lists (`__name__`) as they are when the batch is submitted. */
  lists: () => Promise<NamedLists>
  limits: BatchLimits
}

/** Errors listed in a message, at most this many (all of them are in `fields`). */
const LISTED = 10

type Expanded = { inputs: Record<string, unknown>[]; images: number; template: string | null; history: string }

export function createBatchService({ jobs, lists, limits }: BatchServiceDeps) {
  /** A template in params.prompt: every combination, or random draws. */
  async function fromTemplate(
    model: ModelId,
    params: Record<string, unknown>,
    expand: Extract<BatchRequest['expand'], { kind: 'all' | 'random' }>,
  ): Promise<Expanded> {
    const template = params.prompt
    if (typeof template !== 'string' || !template.trim())
      throw new Invalid('prompt is required: the template to expand', { prompt: 'prompt is required' })
    if (template.length > PROMPT_MAX_CHARS) {
      const message = `prompt must be at most ${PROMPT_MAX_CHARS} characters`
      throw new Invalid(message, { prompt: message })
    }
    const numImages = Number(params.num_images ?? defaultParams(model).num_images ?? 1)
    const mode = expand.kind === 'all' ? expand : { ...expand, seed: expand.seed ?? randomInt(0, SEED_MAX + 1) }
    const plan = planBatch(template, mode, { lists: await lists(), numImages, pricePerImageUsd: MODELS[model].pricePerImageUsd })
    if (!plan.ok) throw new Invalid(`prompt: ${plan.error.message}`, { prompt: plan.error.message })
    return { inputs: plan.prompts.map((prompt) => ({ ...params, prompt })), images: plan.images, template, history: template }
  }

  /** A file: each row on top of params; every bad row named by line, field and limit. */
  function fromFile(model: ModelId, params: Record<string, unknown>, expand: Extract<BatchRequest['expand'], { kind: 'file' }>): Expanded {
    const plan = planFile(expand.text, expand.format, { model, base: params, pricePerImageUsd: MODELS[model].pricePerImageUsd })
    if (!plan.ok) {
      const listed = plan.errors.slice(0, LISTED).map(formatLineError).join('; ')
      const more = plan.errors.length > LISTED ? `; and ${plan.errors.length - LISTED} more` : ''
      const fields = Object.fromEntries(plan.errors.map((e) => [e.line === 0 ? 'expand.text' : `line ${e.line}.${e.field}`, e.message]))
      throw new Invalid(`Nothing was sent; fix the file: ${listed}${more}`, fields)
    }
    return { inputs: plan.rows, images: plan.images, template: null, history: String(plan.rows[0]?.prompt ?? '') }
  }

  /** The same settings `count` times, each with a seed of its own (a seed given is left out). */
  function fromRuns(model: ModelId, params: Record<string, unknown>, count: number): Expanded {
    const { seed: _seed, ...rest } = params
    const numImages = Number(params.num_images ?? defaultParams(model).num_images ?? 1)
    return {
      inputs: Array.from({ length: count }, () => ({ ...rest })),
      images: count * numImages,
      template: null,
      history: String(params.prompt ?? ''),
    }
  }

  return {
    limits: (): BatchLimits => limits,

    async create({ model, params, expand, confirm }: BatchRequest, actor?: string): Promise<Batch> {
      const batch =
        expand.kind === 'file'
          ? fromFile(model, params, expand)
          : expand.kind === 'runs'
            ? fromRuns(model, params, expand.count)
            : await fromTemplate(model, params, expand)
      const count = batch.inputs.length
      if (batch.images > limits.confirmImages && confirm !== true) {
        const message = `This batch makes ${count} prompts, ${batch.images} images, more than ${limits.confirmImages}: send "confirm": true to run it`
        throw new Invalid(message, { confirm: message })
      }
      const created = await jobs.createMany(model, batch.inputs, { actor, promptTemplate: batch.template ?? undefined, history: batch.history })
      return {
        template: batch.template,
        count: created.length,
        images: batch.images,
        estimatedCostUsd: estimateCostUsd(model, batch.images),
        jobs: created,
      }
    },
  }
}

export type BatchService = ReturnType<typeof createBatchService>
