// Zod schemas of each model's parameters, built from the catalogue. The form checks a draft
// with these before it submits; the server checks every request with the same ones.
import { z } from 'zod'
import { MODELS, type ModelId, type ParamSpec, type SizeParam } from './catalogue'

const num = (n: number) => n.toLocaleString('en-US')

function sizeSchema(spec: SizeParam) {
  const { min, max, maxPixels } = spec.custom
  const side = (name: 'width' | 'height') =>
    z
      .number({ error: `${name} must be a number of pixels` })
      .int({ error: `${name} must be a whole number of pixels` })
      .min(min, { error: `${name} must be at least ${min} px` })
      .max(max, { error: `${name} must be at most ${max} px` })
  const custom = z.strictObject({ width: side('width'), height: side('height') }).refine((s) => s.width * s.height <= maxPixels, {
    error: `width × height must be at most ${num(maxPixels)} pixels`,
  })
  const presets = spec.presets as readonly string[]
  const preset = z.string().refine((v) => presets.includes(v), {
    error: `must be one of ${presets.join(', ')}, or { width, height }`,
  })
  return z.union([preset, custom], { error: `must be a size preset or { width, height }` })
}

function schemaFor(spec: ParamSpec): z.ZodType {
  switch (spec.kind) {
    case 'text': {
      let s = z
        .string({ error: `${spec.label} must be text` })
        .max(spec.maxLength, { error: `${spec.label} must be at most ${num(spec.maxLength)} characters` })
      if (spec.required) s = s.trim().min(1, { error: `${spec.label} is required` })
      return spec.required ? s : s.optional()
    }
    case 'int':
    case 'float': {
      let s = z
        .number({ error: `${spec.label} must be a number` })
        .min(spec.min, { error: `${spec.label} must be between ${spec.min} and ${spec.max}` })
        .max(spec.max, { error: `${spec.label} must be between ${spec.min} and ${spec.max}` })
      if (spec.kind === 'int') s = s.int({ error: `${spec.label} must be a whole number` })
      return s.optional()
    }
    case 'seed':
      return z
        .number({ error: 'Seed must be a number' })
        .int({ error: 'Seed must be a whole number' })
        .min(spec.min, { error: `Seed must be between ${spec.min} and ${num(spec.max)}` })
        .max(spec.max, { error: `Seed must be between ${spec.min} and ${num(spec.max)}` })
        .optional()
    case 'bool':
      return z.boolean({ error: `${spec.label} must be true or false` }).optional()
    case 'enum':
      return z
        .string({ error: `${spec.label} must be one of ${spec.options.join(', ')}` })
        .refine((v) => spec.options.includes(v), { error: `${spec.label} must be one of ${spec.options.join(', ')}` })
        .optional()
    case 'size':
      return sizeSchema(spec).optional()
  }
}

const cache = new Map<ModelId, z.ZodType<Record<string, unknown>>>()

/** The strict schema of one model's parameters: unknown fields are refused by name. */
export function paramsSchema(model: ModelId): z.ZodType<Record<string, unknown>> {
  let schema = cache.get(model)
  if (!schema) {
    const shape = Object.fromEntries(Object.entries(MODELS[model].params).map(([k, spec]) => [k, schemaFor(spec)]))
    schema = z.strictObject(shape) as unknown as z.ZodType<Record<string, unknown>>
    cache.set(model, schema)
  }
  return schema
}

export type FieldErrors = Record<string, string>

/** Turns zod issues into one message per field, naming fields the model does not have. */
export function fieldErrors(model: ModelId, error: z.ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out[[...issue.path, key].join('.') || key] ??= `${MODELS[model].displayName} has no parameter "${key}"`
      }
      continue
    }
    const field = issue.path.length ? String(issue.path[0]) : '_'
    out[field] ??= issue.message
  }
  return out
}

export type ValidatedParams = { ok: true; params: Record<string, unknown> } | { ok: false; errors: FieldErrors }

/** Validates a model's parameters and fills in every default, so what is stored is what was sent. */
export function validateParams(model: ModelId, input: unknown): ValidatedParams {
  const parsed = paramsSchema(model).safeParse(input)
  if (!parsed.success) return { ok: false, errors: fieldErrors(model, parsed.error) }
  const params: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(MODELS[model].params)) {
    const value = parsed.data[name]
    if (value !== undefined) params[name] = value
    else if (spec.kind !== 'seed') params[name] = spec.default
  }
  return { ok: true, params }
}
