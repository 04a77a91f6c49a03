// Generation parameters as AUTOMATIC1111-style "parameters" text — the format people paste between
// tools (A1111, Forge, SwarmUI, Civitai) — and Darkroom's own JSON, both ways:
//
//   a red fox in the snow
//   Negative prompt: blurry
//   Steps: 8, CFG scale: 5, Seed: 42, Size: 1024x768, Model: ernie-image-turbo, Format: png
//
// Keys other tools write that mean nothing here (Sampler, Model hash…) are reported as ignored.
import { MODELS, SIZE_PRESETS, isModelId, modelList, type ModelId, type SizePresetId } from './catalogue'

type Params = Record<string, unknown>

/** A1111 key ↔ parameter, for the keys whose value is a plain number, word or flag. */
const KEYS: { key: string; param: string; kind: 'int' | 'float' | 'text' | 'bool' }[] = [
  { key: 'Steps', param: 'num_inference_steps', kind: 'int' },
  { key: 'CFG scale', param: 'guidance_scale', kind: 'float' },
  { key: 'Seed', param: 'seed', kind: 'int' },
  { key: 'Batch size', param: 'num_images', kind: 'int' },
  { key: 'Format', param: 'output_format', kind: 'text' },
  { key: 'Acceleration', param: 'acceleration', kind: 'text' },
  { key: 'Prompt expansion', param: 'enable_prompt_expansion', kind: 'bool' },
  { key: 'Safety checker', param: 'enable_safety_checker', kind: 'bool' },
]

export function formatParametersText(model: ModelId, params: Params): string {
  const lines = [String(params.prompt ?? '')]
  if (typeof params.negative_prompt === 'string' && params.negative_prompt) lines.push(`Negative prompt: ${params.negative_prompt}`)
  const fields: string[] = []
  for (const { key, param } of KEYS.slice(0, 3)) if (params[param] !== undefined) fields.push(`${key}: ${params[param]}`)
  const size = params.image_size
  if (typeof size === 'string') {
    const pixels = SIZE_PRESETS[size as SizePresetId]?.pixels
    if (pixels) fields.push(`Size: ${pixels.width}x${pixels.height}`)
    fields.push(`Size preset: ${size}`)
  } else if (size && typeof size === 'object') {
    const { width, height } = size as { width: number; height: number }
    fields.push(`Size: ${width}x${height}`)
  }
  fields.push(`Model: ${model}`)
  for (const { key, param } of KEYS.slice(3)) if (params[param] !== undefined) fields.push(`${key}: ${quote(String(params[param]))}`)
  lines.push(fields.join(', '))
  return lines.join('\n')
}

const quote = (v: string) => (/[,:"\n]/.test(v) ? JSON.stringify(v) : v)

export type ParsedParameters = { model: ModelId | null; params: Params; ignored: string[] }

/**
 * Reads A1111 "parameters" text or a Darkroom JSON (`{ model, params }`). Returns null when the text is
 * neither (then it is just a prompt). The result is not validated: the caller checks it against the model.
 */
export function parseParametersText(text: string): ParsedParameters | null {
  const trimmed = text.trim()
  if (trimmed.startsWith('{')) return parseDarkroomJson(trimmed)
  const lines = trimmed.split(/\r?\n/)
  const last = lines.length - 1
  const tail = lines[last] ?? ''
  if (!/^Steps: *\d/.test(tail)) return null
  const fields = splitFields(tail)
  const body = lines.slice(0, last).join('\n')
  const negAt = body.search(/^Negative prompt:/m)
  const params: Params = { prompt: (negAt === -1 ? body : body.slice(0, negAt)).trim() }
  if (negAt !== -1)
    params.negative_prompt = body
      .slice(negAt)
      .replace(/^Negative prompt:\s*/, '')
      .trim()

  const ignored: string[] = []
  let model: ModelId | null = null
  let size: { width: number; height: number } | null = null
  let preset: string | null = null
  for (const [key, value] of fields) {
    const known = KEYS.find((k) => k.key.toLowerCase() === key.toLowerCase())
    if (known) params[known.param] = convert(value, known.kind)
    else if (/^size$/i.test(key) && /^\d+x\d+$/.test(value)) {
      const [width = 0, height = 0] = value.split('x').map(Number)
      size = { width, height }
    } else if (/^size preset$/i.test(key)) preset = value
    else if (/^model$/i.test(key)) model = modelFrom(value)
    else ignored.push(key)
  }
  const resolved = model ?? 'ernie-image-turbo'
  if (preset) params.image_size = preset
  else if (size) params.image_size = presetFor(resolved, size) ?? size
  return { model, params, ignored }
}

function parseDarkroomJson(text: string): ParsedParameters | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  if (!value || typeof value !== 'object') return null
  const { model, params } = value as { model?: unknown; params?: unknown }
  if (!params || typeof params !== 'object' || Array.isArray(params)) return null
  return { model: isModelId(model) ? model : null, params: { ...(params as Params) }, ignored: [] }
}

/** `key: value` pairs separated by commas; a value may be "quoted" (then it may hold commas). */
function splitFields(line: string): [string, string][] {
  const out: [string, string][] = []
  const re = /\s*([^:,]+?):\s*("(?:[^"\\]|\\.)*"|[^,]*)\s*(?:,|$)/g
  for (let m = re.exec(line); m && m[0] !== ''; m = re.exec(line)) {
    const raw = (m[2] ?? '').trim()
    out.push([(m[1] ?? '').trim(), raw.startsWith('"') ? (JSON.parse(raw) as string) : raw])
  }
  return out
}

function convert(value: string, kind: 'int' | 'float' | 'text' | 'bool'): unknown {
  if (kind === 'text') return value
  if (kind === 'bool') return /^(true|yes|on|1)$/i.test(value)
  const n = Number(value)
  return Number.isFinite(n) ? n : value
}

function modelFrom(value: string): ModelId | null {
  const v = value.trim().toLowerCase()
  if (isModelId(v)) return v
  return modelList().find((m) => m.displayName.toLowerCase() === v || m.endpointId === v)?.id ?? null
}

function presetFor(model: ModelId, size: { width: number; height: number }): SizePresetId | null {
  const spec = MODELS[model].params.image_size
  if (!spec || spec.kind !== 'size') return null
  return (
    spec.presets.find((id) => {
      const p = SIZE_PRESETS[id].pixels
      return p !== null && p.width === size.width && p.height === size.height
    }) ?? null
  )
}
