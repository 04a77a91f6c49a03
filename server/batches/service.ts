// Batches: one submit that makes many jobs from a dynamic-prompt template. The server expands the
// template itself — a list of prompts sent by a browser is never trusted — with the named lists it
// keeps, then asks for confirmation above the threshold and creates the jobs under one budget check.
import { randomInt } from 'node:crypto'
import { planBatch, type Batch, type BatchLimits, type BatchRequest } from '../../shared/batch'
import { defaultParams, estimateCostUsd, MODELS, PROMPT_MAX_CHARS, SEED_MAX } from '../../shared/catalogue'
import type { NamedLists } from '../../shared/dynamic-prompts'
import { Invalid } from '../errors'
import type { JobService } from '../jobs/service'

export type BatchServiceDeps = {
  jobs: JobService
  /** The named lists (`__name__`) as they are when the batch is submitted. */
  lists: () => NamedLists
  limits: BatchLimits
}

export function createBatchService({ jobs, lists, limits }: BatchServiceDeps) {
  return {
    limits: (): BatchLimits => limits,

    create(body: BatchRequest, actor?: string): Batch {
      const { model, params, expand, confirm } = body
      const template = params.prompt
      if (typeof template !== 'string' || !template.trim())
        throw new Invalid('prompt is required: the template to expand', { prompt: 'prompt is required' })
      if (template.length > PROMPT_MAX_CHARS) {
        const message = `prompt must be at most ${PROMPT_MAX_CHARS} characters`
        throw new Invalid(message, { prompt: message })
      }
      const numImages = Number(params.num_images ?? defaultParams(model).num_images ?? 1)
      const mode = expand.kind === 'all' ? expand : { ...expand, seed: expand.seed ?? randomInt(0, SEED_MAX + 1) }
      const plan = planBatch(template, mode, { lists: lists(), numImages, pricePerImageUsd: MODELS[model].pricePerImageUsd })
      if (!plan.ok) throw new Invalid(`prompt: ${plan.error.message}`, { prompt: plan.error.message })
      if (plan.images > limits.confirmImages && confirm !== true) {
        const message = `This batch makes ${plan.count} prompts, ${plan.images} images, more than ${limits.confirmImages}: send "confirm": true to run it`
        throw new Invalid(message, { confirm: message })
      }
      const created = jobs.createMany(
        model,
        plan.prompts.map((prompt) => ({ ...params, prompt })),
        { actor, promptTemplate: template, history: template },
      )
      return {
        template,
        count: created.length,
        images: plan.images,
        estimatedCostUsd: estimateCostUsd(model, plan.images),
        jobs: created,
      }
    },
  }
}

export type BatchService = ReturnType<typeof createBatchService>
