// The form's state and how it becomes a request. Numbers stay the strings the user typed until
// submit, so a half-typed value is never silently rewritten; shared/params decides what is valid.
import { isSizePreset, MODELS, SIZE_PRESETS, type ModelId, type ParamName, type ParamSpec } from '../../../shared/catalogue'
import type { FieldErrors } from '../../../shared/params'
import type { ParamsCheck } from './params-check'

export const CUSTOM_SIZE = 'custom'

export type FieldValue = string | boolean

export type Draft = {
  model: ModelId
  /** Text, number and choice parameters as typed; switches as booleans. */
  values: Partial<Record<ParamName, FieldValue>>
  size: { preset: string; width: string; height: string }
  seed: { random: boolean; value: string }
}

function initialValue(spec: ParamSpec): FieldValue | undefined {
  switch (spec.kind) {
    case 'bool':
    case 'text':
    case 'enum':
      return spec.default
    case 'int':
    case 'float':
      return String(spec.default)
    default:
      return undefined
  }
}

export function initialDraft(model: ModelId): Draft {
  const values: Draft['values'] = {}
  for (const [name, spec] of Object.entries(MODELS[model].params)) {
    const value = initialValue(spec)
    if (value !== undefined) values[name as ParamName] = value
  }
  const size = MODELS[model].params.image_size
  const preset = size?.kind === 'size' ? size.default : ''
  const pixels = size?.kind === 'size' ? SIZE_PRESETS[size.default].pixels : null
  return {
    model,
    values,
    size: { preset, width: String(pixels?.width ?? 1024), height: String(pixels?.height ?? 1024) },
    seed: { random: true, value: '' },
  }
}

/**
 * The draft that asks for exactly these parameters (an image's, to make it again): each one the
 * model has, in the form's own shape; the seed fixed; anything else the model's default.
 */
export function draftFromParams(model: ModelId, params: Record<string, unknown>): Draft {
  const draft = initialDraft(model)
  for (const [name, spec] of Object.entries(MODELS[model].params)) {
    const value = params[name]
    if (value === undefined || value === null) continue
    if (spec.kind === 'seed') {
      if (typeof value === 'number') draft.seed = { random: false, value: String(value) }
    } else if (spec.kind === 'size') {
      if (isSizePreset(value) && spec.presets.includes(value)) draft.size = { ...draft.size, preset: value }
      else if (typeof value === 'object' && 'width' in value && 'height' in value) {
        draft.size = { preset: CUSTOM_SIZE, width: String(value.width), height: String(value.height) }
      }
    } else if (spec.kind === 'int' || spec.kind === 'float') {
      if (typeof value === 'number') draft.values[name as ParamName] = String(value)
    } else if (spec.kind === 'bool') {
      if (typeof value === 'boolean') draft.values[name as ParamName] = value
    } else if (typeof value === 'string') {
      draft.values[name as ParamName] = value
    }
  }
  return draft
}

/** '' is "no number" (NaN fails validation with the field's own message), not 0. */
const toNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text))

/** The parameters a draft asks for, by their catalogue names; the seed is left out when random. */
export function draftToParams(draft: Draft): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(MODELS[draft.model].params)) {
    const value = draft.values[name as ParamName]
    if (spec.kind === 'seed') {
      if (!draft.seed.random) params[name] = toNumber(draft.seed.value)
    } else if (spec.kind === 'size') {
      const { preset, width, height } = draft.size
      params[name] = preset === CUSTOM_SIZE ? { width: toNumber(width), height: toNumber(height) } : preset
    } else if (spec.kind === 'int' || spec.kind === 'float') {
      params[name] = toNumber(String(value ?? ''))
    } else if (value !== undefined) {
      params[name] = value
    }
  }
  return params
}

/**
 * The draft for another model: the prompt stays, values the user changed stay when the new model
 * accepts them, and everything else (untouched, missing or out of range) takes the new default.
 */
export function switchModel(draft: Draft, model: ModelId, validateParams: ParamsCheck): Draft {
  const fresh = initialDraft(model)
  const before = MODELS[draft.model].params
  const next: Draft = { ...fresh, values: { ...fresh.values }, seed: draft.seed }
  for (const name of Object.keys(fresh.values) as ParamName[]) {
    const old = draft.values[name]
    const oldSpec = before[name]
    if (old === undefined || !oldSpec) continue
    if (name === 'prompt' || old !== initialValue(oldSpec)) next.values[name] = old
  }
  const oldSize = before.image_size
  if (oldSize?.kind === 'size' && draft.size.preset !== oldSize.default) next.size = draft.size

  const checked = validateParams(model, draftToParams(next))
  if (checked.ok) return next
  for (const field of Object.keys(checked.errors)) {
    if (field === 'image_size') next.size = fresh.size
    else if (field === 'seed') next.seed = fresh.seed
    else if (field !== 'prompt' && field in fresh.values) next.values[field as ParamName] = fresh.values[field as ParamName]
  }
  return next
}

/**
 * The server names a bad field by its parameter name (maybe as "params.x" or "x.width"); errors
 * for fields the form does not show are kept under "_" so they are still displayed.
 */
export function errorsByField(model: ModelId, fields: Record<string, string>): FieldErrors {
  const out: FieldErrors = {}
  for (const [key, message] of Object.entries(fields)) {
    const name = key.replace(/^params\./, '').split('.')[0] ?? key
    const known = name === 'model' || Object.hasOwn(MODELS[model].params, name)
    if (known) out[name] ??= message
    else out._ = out._ ? `${out._} ${message}` : message
  }
  return out
}
