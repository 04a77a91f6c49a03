// What a template batch will make and cost, before anything is sent: the form's preview and the
// server's expansion alike (docs/decisions/023-batches.md). Free of zod, so the playground loads it up front.
import { imagesCostUsd } from './catalogue'
import { expandTemplate, type NamedLists, type TemplateError } from './dynamic-prompts'

export type BatchPlan = { ok: true; prompts: string[]; count: number; images: number; costUsd: number | null } | { ok: false; error: TemplateError }

/** The prompts a template makes and what they cost: the form's preview and the server's expansion alike. */
export function planBatch(
  template: string,
  expand: { kind: 'all' } | { kind: 'random'; count: number; seed: number },
  opts: { lists: NamedLists; numImages: number; pricePerImageUsd: number | null },
): BatchPlan {
  const expansion = expandTemplate(template, expand, opts.lists)
  if (!expansion.ok) return expansion
  const images = expansion.count * opts.numImages
  return { ...expansion, images, costUsd: opts.pricePerImageUsd === null ? null : imagesCostUsd(images, opts.pricePerImageUsd) }
}
