// What a comparison axis can vary, how its values are typed, and how they read in labels.
// Pure TypeScript: the editor, the server's validation and the exported PNG all use it.
import { MODEL_IDS, MODELS, SIZE_PRESETS, isModelId, modelList, type ModelId } from './catalogue'
import { parseLineList, parseNumberList, parseWordList, type ParsedValues } from './compare-range'

export const AXIS_PARAMS = [
  'model',
  'prompt',
  'prompt_sr',
  'negative_prompt',
  'num_inference_steps',
  'guidance_scale',
  'seed',
  'image_size',
  'acceleration',
  'enable_prompt_expansion',
  'output_format',
] as const
export type AxisParam = (typeof AXIS_PARAMS)[number]

/** Parameters that can be fixed for every cell ("shared"); prompt and seed have fields of their own. */
export const SHARED_PARAMS = [
  'negative_prompt',
  'image_size',
  'num_inference_steps',
  'guidance_scale',
  'output_format',
  'acceleration',
  'enable_prompt_expansion',
  'enable_safety_checker',
] as const
export type SharedParam = (typeof SHARED_PARAMS)[number]

export type AxisValue = string | number | boolean | { width: number; height: number }

type Input = 'numbers' | 'lines' | 'words' | 'choices'
type AxisInfo = { label: string; /** In cell names: "steps 12". */ short: string; input: Input; integer?: boolean }

export const AXIS_INFO: Record<AxisParam | SharedParam, AxisInfo> = {
  model: { label: 'Model', short: 'model', input: 'choices' },
  prompt: { label: 'Prompt', short: 'prompt', input: 'lines' },
  prompt_sr: { label: 'Prompt S/R', short: 'prompt S/R', input: 'words' },
  negative_prompt: { label: 'Negative prompt', short: 'negative', input: 'lines' },
  num_inference_steps: { label: 'Steps', short: 'steps', input: 'numbers', integer: true },
  guidance_scale: { label: 'Guidance', short: 'guidance', input: 'numbers' },
  seed: { label: 'Seed', short: 'seed', input: 'numbers', integer: true },
  image_size: { label: 'Image size', short: 'size', input: 'choices' },
  acceleration: { label: 'Acceleration', short: 'acceleration', input: 'choices' },
  enable_prompt_expansion: { label: 'Prompt expansion', short: 'expansion', input: 'choices' },
  enable_safety_checker: { label: 'Safety checker', short: 'safety', input: 'choices' },
  output_format: { label: 'Format', short: 'format', input: 'choices' },
}

/** Every value any model accepts for a choice parameter, in catalogue order. */
export function axisChoices(param: AxisParam | SharedParam): AxisValue[] {
  if (param === 'model') return [...MODEL_IDS]
  if (param === 'enable_prompt_expansion' || param === 'enable_safety_checker') return [true, false]
  const seen: AxisValue[] = []
  for (const model of modelList()) {
    const spec = model.params[param as keyof typeof model.params]
    const options = spec?.kind === 'enum' ? spec.options : spec?.kind === 'size' ? spec.presets : []
    for (const option of options) if (!seen.includes(option)) seen.push(option)
  }
  return seen
}

const shorten = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text)

/** A value as it reads in a grid header: "Z-Image Turbo", "12", "Square HD", "On". */
export function valueLabel(param: AxisParam | SharedParam, value: AxisValue): string {
  if (param === 'model' && isModelId(value)) return MODELS[value].displayName
  if (typeof value === 'boolean') return value ? 'On' : 'Off'
  if (typeof value === 'object') return `${value.width}×${value.height}`
  if (param === 'image_size' && typeof value === 'string' && value in SIZE_PRESETS) {
    return SIZE_PRESETS[value as keyof typeof SIZE_PRESETS].label
  }
  if (param === 'output_format') return String(value).toUpperCase()
  if (typeof value === 'string' && value === '') return '(empty)'
  return String(value)
}

/** A value with its parameter, for naming a cell: "Z-Image Turbo", "steps 12", "prompt "a fox…"". */
export function namedValue(param: AxisParam, value: AxisValue): string {
  if (param === 'model') return valueLabel(param, value)
  const label = valueLabel(param, value)
  const quoted = AXIS_INFO[param].input === 'lines' || param === 'prompt_sr' ? `"${shorten(label, 30)}"` : label
  return `${AXIS_INFO[param].short} ${quoted}`
}

function matchChoice(param: AxisParam | SharedParam, token: string): AxisValue | undefined {
  const wanted = token.trim().toLowerCase()
  const choices = axisChoices(param)
  const found = choices.find((c) => String(c).toLowerCase() === wanted || valueLabel(param, c).toLowerCase() === wanted)
  if (found !== undefined) return found
  if (param === 'enable_prompt_expansion' || param === 'enable_safety_checker') {
    if (['true', 'yes', '1'].includes(wanted)) return true
    if (['false', 'no', '0'].includes(wanted)) return false
  }
  const size = param === 'image_size' ? /^(\d+)\s*[x×]\s*(\d+)$/.exec(wanted) : null
  if (size) return { width: Number(size[1]), height: Number(size[2]) }
  return undefined
}

/** Parses what the user typed for an axis (or a shared parameter) into its values. */
export function parseAxisValues(param: AxisParam | SharedParam, text: string): ParsedValues<AxisValue> {
  const info = AXIS_INFO[param]
  const parsed: ParsedValues<AxisValue> =
    info.input === 'numbers' ? parseNumberList(text, { integer: info.integer }) : info.input === 'lines' ? parseLineList(text) : parseWordList(text)
  if (!parsed.ok) return { ok: false, error: `${info.label}: ${parsed.error}` }
  let values = parsed.values
  if (info.input === 'choices') {
    values = []
    for (const token of parsed.values as string[]) {
      const value = matchChoice(param, token)
      if (value === undefined) {
        const allowed = axisChoices(param)
          .map((c) => valueLabel(param, c))
          .join(', ')
        return { ok: false, error: `${info.label}: "${token}" is not one of ${allowed}` }
      }
      values.push(value)
    }
  }
  const keys = values.map((v) => JSON.stringify(v))
  const twice = keys.findIndex((k, i) => keys.indexOf(k) !== i)
  if (twice >= 0) return { ok: false, error: `${info.label}: ${valueLabel(param, values[twice]!)} is listed twice` }
  return { ok: true, values }
}

/** The values written back as text the parser reads, for editing a saved comparison. */
export function formatAxisValues(param: AxisParam | SharedParam, values: AxisValue[]): string {
  const info = AXIS_INFO[param]
  const word = (v: AxisValue) => {
    const text = typeof v === 'object' ? `${v.width}x${v.height}` : typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v)
    return /[,"]|^\s|\s$/.test(text) || text === '' ? `"${text.replaceAll('"', '""')}"` : text
  }
  if (info.input === 'lines') return values.map((v) => (v === '' ? '""' : String(v))).join('\n')
  return values.map(word).join(', ')
}

/** The models a cell can be made with, for checking that a shared parameter applies somewhere. */
export const modelHas = (model: ModelId, param: string) => Object.hasOwn(MODELS[model].params, param)
