// The model catalogue: the single source of truth for what each Pixazo model accepts.
// The generate form is built from it and the server validates against it, so they cannot disagree.
// Parameter names are the gateway's own field names; sources and unconfirmed choices are
// recorded in docs/decisions/002-model-catalogue.md.

export const MODEL_IDS = ['ernie-image-turbo', 'ernie-image', 'z-image-turbo'] as const
export type ModelId = (typeof MODEL_IDS)[number]

export const SEED_MAX = 2 ** 31 - 1
export const PROMPT_MAX_CHARS = 2048

export type SizePreset = {
  id: string
  label: string
  /** Pixel size where a public source confirms it; null where only Pixazo knows. */
  pixels: { width: number; height: number } | null
}

export const SIZE_PRESETS = {
  square_hd: { id: 'square_hd', label: 'Square HD', pixels: { width: 1024, height: 1024 } },
  square: { id: 'square', label: 'Square', pixels: { width: 512, height: 512 } },
  portrait_4_3: { id: 'portrait_4_3', label: 'Portrait 3:4', pixels: { width: 768, height: 1024 } },
  portrait_16_9: { id: 'portrait_16_9', label: 'Portrait 9:16', pixels: { width: 576, height: 1024 } },
  landscape_4_3: { id: 'landscape_4_3', label: 'Landscape 4:3', pixels: { width: 1024, height: 768 } },
  landscape_16_9: { id: 'landscape_16_9', label: 'Landscape 16:9', pixels: { width: 1024, height: 576 } },
  square_uhd: { id: 'square_uhd', label: 'Square UHD', pixels: null },
  portrait_3_2: { id: 'portrait_3_2', label: 'Portrait 2:3', pixels: null },
  landscape_3_2: { id: 'landscape_3_2', label: 'Landscape 3:2', pixels: null },
  portrait_hd: { id: 'portrait_hd', label: 'Portrait HD 9:16', pixels: null },
  landscape_hd: { id: 'landscape_hd', label: 'Landscape HD 16:9', pixels: null },
} as const satisfies Record<string, SizePreset>
export type SizePresetId = keyof typeof SIZE_PRESETS

type Common = { label: string; hint: string }
export type TextParam = Common & { kind: 'text'; required: boolean; maxLength: number; default: string }
export type IntParam = Common & { kind: 'int'; default: number; min: number; max: number }
export type FloatParam = Common & { kind: 'float'; default: number; min: number; max: number; step: number }
export type BoolParam = Common & { kind: 'bool'; default: boolean }
export type EnumParam = Common & { kind: 'enum'; default: string; options: readonly string[] }
export type SeedParam = Common & { kind: 'seed'; min: number; max: number }
export type SizeParam = Common & {
  kind: 'size'
  default: SizePresetId
  presets: readonly SizePresetId[]
  custom: { min: number; max: number; maxPixels: number }
}
export type ParamSpec = TextParam | IntParam | FloatParam | BoolParam | EnumParam | SeedParam | SizeParam

/** Every parameter any model has, in the order the form shows them. */
export const PARAM_NAMES = [
  'prompt',
  'negative_prompt',
  'image_size',
  'num_inference_steps',
  'guidance_scale',
  'num_images',
  'seed',
  'output_format',
  'acceleration',
  'enable_prompt_expansion',
  'enable_safety_checker',
] as const
export type ParamName = (typeof PARAM_NAMES)[number]

export type ModelSpec = {
  id: ModelId
  displayName: string
  /** The gateway's path segment for this model (`/{endpointId}/v1/...`). */
  endpointId: string
  /** USD per image, or null when no public source states Pixazo's price. */
  pricePerImageUsd: number | null
  blurb: string
  params: Partial<Record<ParamName, ParamSpec>>
}

const prompt: TextParam = {
  kind: 'text',
  label: 'Prompt',
  hint: 'What to draw. English, Chinese or Japanese.',
  required: true,
  maxLength: PROMPT_MAX_CHARS,
  default: '',
}
const negativePrompt: TextParam = {
  kind: 'text',
  label: 'Negative prompt',
  hint: 'What to keep out of the image.',
  required: false,
  maxLength: PROMPT_MAX_CHARS,
  default: '',
}
const numImages: IntParam = { kind: 'int', label: 'Images', hint: 'Images per request, each billed.', default: 1, min: 1, max: 4 }
const seed: SeedParam = {
  kind: 'seed',
  label: 'Seed',
  hint: 'Same seed + same settings = same image. Leave random to explore.',
  min: 0,
  max: SEED_MAX,
}
const safety: BoolParam = { kind: 'bool', label: 'Safety checker', hint: 'Filter NSFW content.', default: true }
const ernieSizes: SizeParam = {
  kind: 'size',
  label: 'Image size',
  hint: 'A preset, or a custom width × height.',
  default: 'square_hd',
  presets: Object.keys(SIZE_PRESETS) as SizePresetId[],
  custom: { min: 256, max: 1536, maxPixels: 1536 * 1536 },
}

const ernieParams = (steps: { default: number; max: number }, guidance: number): ModelSpec['params'] => ({
  prompt,
  negative_prompt: negativePrompt,
  image_size: ernieSizes,
  num_inference_steps: {
    kind: 'int',
    label: 'Steps',
    hint: 'Denoising steps: more is slower and usually finer.',
    default: steps.default,
    min: 1,
    max: steps.max,
  },
  guidance_scale: {
    kind: 'float',
    label: 'Guidance',
    hint: 'How closely to follow the prompt.',
    default: guidance,
    min: 1,
    max: 20,
    step: 0.5,
  },
  num_images: numImages,
  seed,
  output_format: { kind: 'enum', label: 'Format', hint: 'File type of the result.', default: 'jpeg', options: ['jpeg', 'png'] },
  acceleration: {
    kind: 'enum',
    label: 'Acceleration',
    hint: 'Faster inference at some cost in detail.',
    default: 'regular',
    options: ['none', 'regular', 'high'],
  },
  enable_prompt_expansion: {
    kind: 'bool',
    label: 'Prompt expansion',
    hint: 'An LLM rewrites the prompt with more detail.',
    default: true,
  },
  enable_safety_checker: safety,
})

export const MODELS: Record<ModelId, ModelSpec> = {
  'ernie-image-turbo': {
    id: 'ernie-image-turbo',
    displayName: 'ERNIE Image Turbo',
    endpointId: 'ernie-image-turbo',
    pricePerImageUsd: null,
    blurb: "Baidu's fast ERNIE model, tuned for 8 steps.",
    params: ernieParams({ default: 8, max: 20 }, 1),
  },
  'ernie-image': {
    id: 'ernie-image',
    displayName: 'ERNIE Image 1.0',
    endpointId: 'ernie-image',
    pricePerImageUsd: null,
    blurb: "Baidu's full ERNIE model: 50–100 steps and guidance 5–7 for best quality.",
    params: ernieParams({ default: 50, max: 100 }, 5),
  },
  'z-image-turbo': {
    id: 'z-image-turbo',
    displayName: 'Z-Image Turbo',
    endpointId: 'z-image-turbo-834',
    pricePerImageUsd: 0.008,
    blurb: 'Fast photorealistic model, $0.008 per image at any size.',
    params: {
      prompt,
      image_size: {
        kind: 'size',
        label: 'Image size',
        hint: 'A preset, or a custom width × height up to 4 MP.',
        default: 'landscape_4_3',
        presets: ['square_hd', 'square', 'portrait_4_3', 'portrait_16_9', 'landscape_4_3', 'landscape_16_9'],
        custom: { min: 256, max: 2048, maxPixels: 4 * 1024 * 1024 },
      },
      num_inference_steps: {
        kind: 'int',
        label: 'Steps',
        hint: 'Denoising steps; the model is distilled for 8.',
        default: 8,
        min: 1,
        max: 8,
      },
      num_images: numImages,
      seed,
      output_format: {
        kind: 'enum',
        label: 'Format',
        hint: 'File type of the result.',
        default: 'png',
        options: ['png', 'jpeg', 'webp'],
      },
      acceleration: {
        kind: 'enum',
        label: 'Acceleration',
        hint: 'Pixazo supports only "none" for this model.',
        default: 'none',
        options: ['none'],
      },
      enable_prompt_expansion: {
        kind: 'bool',
        label: 'Prompt expansion',
        hint: 'An LLM rewrites the prompt (+$0.0025 per request upstream).',
        default: false,
      },
      enable_safety_checker: safety,
    },
  },
}

export const modelList = (): ModelSpec[] => MODEL_IDS.map((id) => MODELS[id])

export const isModelId = (value: unknown): value is ModelId => typeof value === 'string' && (MODEL_IDS as readonly string[]).includes(value)

/** Pixel size for a preset or custom size, or null when only the gateway knows it. */
export function sizeInPixels(size: ImageSize): { width: number; height: number } | null {
  return typeof size === 'string' ? SIZE_PRESETS[size].pixels : size
}

export type ImageSize = SizePresetId | { width: number; height: number }

/** The one cost formula: images × price per image, to a millionth of a dollar. */
export const imagesCostUsd = (images: number, pricePerImageUsd: number) => Math.round(images * pricePerImageUsd * 1e6) / 1e6

/**
 * What `images` images of `model` cost in USD. A model without a published price counts at
 * `unknownPriceUsd` when one is given (budgets and spend: the worst case, never zero), else its cost
 * is unknown (null).
 */
export function estimateCostUsd(model: string, images: number): number | null
export function estimateCostUsd(model: string, images: number, unknownPriceUsd: number): number
export function estimateCostUsd(model: string, images: number, unknownPriceUsd?: number): number | null {
  const price = (isModelId(model) ? MODELS[model].pricePerImageUsd : null) ?? unknownPriceUsd ?? null
  return price === null ? null : imagesCostUsd(images, price)
}

/** The defaults of every parameter a model has (the seed has none: absent means random). */
export function defaultParams(model: ModelId): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(MODELS[model].params)) {
    if (spec.kind !== 'seed') out[name] = spec.default
  }
  return out
}

export const isSizePreset = (v: unknown): v is keyof typeof SIZE_PRESETS => typeof v === 'string' && Object.hasOwn(SIZE_PRESETS, v)
