// Checks a generate body the way the gateway is documented to: strictly, naming the first bad field.
// Ranges come from the catalogue; custom sizes use the simulator's own looser 64–4096 px bounds
// because the gateway's real limits are unconfirmed (shared/pixazo-api.md).
import { MODELS, SIZE_PRESETS, type ModelId, type ParamSpec, type SizePresetId } from '../../shared/catalogue'
import type { ImageFormat } from './image'

/** Pixel sizes the simulator picks for presets whose real size only Pixazo knows. */
const UNCONFIRMED_PRESET_PIXELS: Partial<Record<SizePresetId, { width: number; height: number }>> = {
  square_uhd: { width: 1536, height: 1536 },
  portrait_3_2: { width: 832, height: 1248 },
  landscape_3_2: { width: 1248, height: 832 },
  portrait_hd: { width: 720, height: 1280 },
  landscape_hd: { width: 1280, height: 720 },
}
const CUSTOM_SIDE = { min: 64, max: 4096 }

export type GenerateRequest = {
  prompt: string
  /** null when the caller left it out: the simulator then picks one. */
  seed: number | null
  width: number
  height: number
  format: ImageFormat
  numImages: number
  /** The model's default when left out; they shape the simulated picture. */
  steps: number
  /** null for models without guidance. */
  guidance: number | null
  safetyChecker: boolean
  syncMode: boolean
}

export type Validated = { ok: true; request: GenerateRequest } | { ok: false; error: string }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function presetPixels(id: SizePresetId) {
  const pixels = SIZE_PRESETS[id].pixels ?? UNCONFIRMED_PRESET_PIXELS[id]
  if (!pixels) throw new Error(`No pixel size for preset ${id}`)
  return pixels
}

/** The problem with one value, as the text after "Invalid parameter: <name>", or null when fine. */
function problem(spec: ParamSpec, value: unknown): string | null {
  switch (spec.kind) {
    case 'text':
      if (typeof value !== 'string') return 'must be a string'
      return value.length > spec.maxLength ? `must be at most ${spec.maxLength} characters` : null
    case 'int':
    case 'seed':
      return Number.isInteger(value) && (value as number) >= spec.min && (value as number) <= spec.max
        ? null
        : `must be an integer between ${spec.min} and ${spec.max}`
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) && value >= spec.min && value <= spec.max
        ? null
        : `must be a number between ${spec.min} and ${spec.max}`
    case 'bool':
      return typeof value === 'boolean' ? null : 'must be a boolean'
    case 'enum':
      return typeof value === 'string' && spec.options.includes(value) ? null : `must be one of ${spec.options.join(', ')}`
    case 'size': {
      if (typeof value === 'string') {
        return (spec.presets as readonly string[]).includes(value) ? null : `must be one of ${spec.presets.join(', ')}`
      }
      const keys = isObject(value) ? Object.keys(value).sort().join(',') : ''
      const side = (n: unknown) => Number.isInteger(n) && (n as number) >= CUSTOM_SIDE.min && (n as number) <= CUSTOM_SIDE.max
      return isObject(value) && keys === 'height,width' && side(value.width) && side(value.height)
        ? null
        : `must be a preset or {width, height} with whole sides from ${CUSTOM_SIDE.min} to ${CUSTOM_SIDE.max} px`
    }
  }
}

/** Validates a parsed JSON body for one model and resolves sizes and defaults. */
export function validateGenerate(model: ModelId, body: unknown): Validated {
  if (!isObject(body)) return { ok: false, error: 'Invalid parameter: request body must be a JSON object' }
  const params = MODELS[model].params
  if (typeof body.prompt !== 'string' || body.prompt.trim() === '') {
    return { ok: false, error: 'Invalid parameter: prompt is required' }
  }
  for (const [name, value] of Object.entries(body)) {
    if (name === 'sync_mode') {
      if (typeof value !== 'boolean') return { ok: false, error: 'Invalid parameter: sync_mode must be a boolean' }
      continue
    }
    const spec = Object.hasOwn(params, name) ? params[name as keyof typeof params] : undefined
    if (!spec) return { ok: false, error: `Invalid parameter: ${name} is not supported by this model` }
    const issue = problem(spec, value)
    if (issue) return { ok: false, error: `Invalid parameter: ${name} ${issue}` }
  }

  const sizeSpec = params.image_size
  const size = body.image_size ?? (sizeSpec?.kind === 'size' ? sizeSpec.default : 'square_hd')
  const pixels = typeof size === 'string' ? presetPixels(size as SizePresetId) : (size as { width: number; height: number })
  const formatSpec = params.output_format
  const format = body.output_format ?? (formatSpec?.kind === 'enum' ? formatSpec.default : 'png')
  const numberParam = (name: 'num_inference_steps' | 'guidance_scale') => {
    const spec = params[name]
    if (typeof body[name] === 'number') return body[name]
    return spec?.kind === 'int' || spec?.kind === 'float' ? spec.default : null
  }
  return {
    ok: true,
    request: {
      prompt: body.prompt,
      seed: typeof body.seed === 'number' ? body.seed : null,
      width: pixels.width,
      height: pixels.height,
      format: format as ImageFormat,
      numImages: typeof body.num_images === 'number' ? body.num_images : 1,
      steps: numberParam('num_inference_steps') ?? 1,
      guidance: numberParam('guidance_scale'),
      safetyChecker: body.enable_safety_checker !== false,
      syncMode: body.sync_mode === true,
    },
  }
}
