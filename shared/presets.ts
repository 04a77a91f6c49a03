// Presets (a model and its parameters, optionally a prompt "style" around the prompt) and named
// prompt lists (the `__name__` of dynamic prompts). Both are per install and survive restarts; both can
// be exported and imported as one JSON file.
import { z } from 'zod'
import { modelIdSchema } from './api'
import { MODELS, type ModelId } from './catalogue'

const name = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, { error: `${what} is required` })
    .max(max, { error: `${what} must be at most ${max} characters` })

const styleText = (what: string) => z.string({ error: `${what} must be text` }).max(500, { error: `${what} must be at most 500 characters` })

/** What a preset holds besides its name: never the prompt or the seed, which belong to each run. */
export const presetContentSchema = z.strictObject({
  model: modelIdSchema,
  params: z.record(z.string(), z.unknown(), { error: 'params must be an object' }),
  /** Put before / after the prompt when the preset is applied. */
  prefix: styleText('prefix').default(''),
  suffix: styleText('suffix').default(''),
})

export const presetBodySchema = presetContentSchema.extend({ name: name('name', 80) })
export type PresetBody = z.input<typeof presetBodySchema>
export const presetPatchSchema = z.strictObject({ name: name('name', 80) })

export const presetSchema = z.object({
  id: z.string(),
  name: z.string(),
  model: modelIdSchema,
  params: z.record(z.string(), z.unknown()),
  prefix: z.string(),
  suffix: z.string(),
  /** Shipped with Darkroom: can be applied, not renamed or deleted. */
  builtIn: z.boolean(),
  createdAt: z.string().nullable(),
})
export type Preset = z.infer<typeof presetSchema>
export const presetListSchema = z.object({ items: z.array(presetSchema) })

export const MAX_LIST_ENTRIES = 1000
export const listNameSchema = z
  .string()
  .regex(/^[\w-]{1,40}$/, { error: 'name must be 1–40 letters, digits, "_" or "-" (it is written __name__ in prompts)' })
export const promptListBodySchema = z.strictObject({
  entries: z
    .array(z.string().trim().min(1, { error: 'entries must not be empty lines' }).max(500, { error: 'each entry must be at most 500 characters' }), {
      error: 'entries must be a list of text',
    })
    .min(1, { error: 'a list needs at least one entry' })
    .max(MAX_LIST_ENTRIES, { error: `a list may have at most ${MAX_LIST_ENTRIES} entries` }),
})
export const promptListSchema = z.object({ name: z.string(), entries: z.array(z.string()), updatedAt: z.string() })
export type PromptList = z.infer<typeof promptListSchema>
export const promptListsSchema = z.object({ items: z.array(promptListSchema) })

/** The file that export writes and import reads. */
export const libraryFileSchema = z.strictObject({
  darkroom: z.literal('library', { error: 'this is not a Darkroom library file' }),
  version: z.literal(1, { error: 'this library file is from a newer Darkroom' }),
  presets: z.array(presetBodySchema).max(500, { error: 'at most 500 presets' }).default([]),
  lists: z.record(listNameSchema, promptListBodySchema.shape.entries).default({}),
})
export type LibraryFile = z.input<typeof libraryFileSchema>
export const importResultSchema = z.object({ presets: z.number().int(), lists: z.number().int() })

const builtIn = (id: string, name: string, model: ModelId, params: Record<string, unknown>, prefix = '', suffix = ''): Preset => ({
  id: `builtin:${id}`,
  name,
  model,
  params,
  prefix,
  suffix,
  builtIn: true,
  createdAt: null,
})

/** A few starting points per model, from the vendors' own advice (docs/decisions/002-model-catalogue.md). */
export const BUILT_IN_PRESETS: readonly Preset[] = [
  builtIn('ernie-quality', 'ERNIE 1.0 · quality', 'ernie-image', { num_inference_steps: 50, guidance_scale: 5 }),
  builtIn('ernie-draft', 'ERNIE 1.0 · quick draft', 'ernie-image', { num_inference_steps: 20, guidance_scale: 5, image_size: 'square' }),
  builtIn('ernie-turbo-fast', 'ERNIE Turbo · fast', 'ernie-image-turbo', { num_inference_steps: 8, guidance_scale: 1, acceleration: 'high' }),
  builtIn(
    'ernie-turbo-wide',
    'ERNIE Turbo · cinematic 16:9',
    'ernie-image-turbo',
    { num_inference_steps: 8, image_size: 'landscape_16_9' },
    '',
    ', cinematic lighting, film still',
  ),
  builtIn(
    'z-photo',
    'Z-Image · photo',
    'z-image-turbo',
    { num_inference_steps: 8, image_size: 'landscape_4_3', output_format: 'jpeg' },
    'photograph of ',
    ', natural light, 35mm',
  ),
  builtIn('z-portrait', 'Z-Image · portrait 3:4', 'z-image-turbo', { num_inference_steps: 8, image_size: 'portrait_4_3' }),
]

/** The parameters a preset may carry for its model (prompt and seed never; unknown names never). */
export function presetParams(model: ModelId, params: Record<string, unknown>): Record<string, unknown> {
  const allowed = MODELS[model].params
  return Object.fromEntries(Object.entries(params).filter(([k]) => k !== 'prompt' && k !== 'seed' && k in allowed))
}
