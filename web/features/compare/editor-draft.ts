// The comparison editor's state and how it becomes a request. Axis values stay the text the user
// typed (chips write the same text), and shared/compare-axes reads it, so the editor, the preview
// and the server agree on what a value means.
import { MODEL_IDS, SEED_MAX, type ModelId } from '../../../shared/catalogue'
import { AXIS_KEYS, type AxisKey, type ComparisonSpec } from '../../../shared/compare'
import { AXIS_INFO, formatAxisValues, parseAxisValues, type AxisParam, type AxisValue, type SharedParam } from '../../../shared/compare-axes'

export type AxisDraft = { param: AxisParam | ''; text: string }
export type SharedDraft = { param: SharedParam; text: string }

export type EditorDraft = {
  title: string
  model: ModelId
  prompt: string
  shared: SharedDraft[]
  seed: string
  axes: Record<AxisKey, AxisDraft>
  /** Send the nearest allowed value for cells out of their model's range, instead of skipping them. */
  clamp: boolean
}

export const rollSeed = () => String((crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) % (SEED_MAX + 1))

/** What a new comparison starts as: every model across, a few step counts down. */
export function initialEditorDraft(): EditorDraft {
  return {
    title: '',
    model: MODEL_IDS[0],
    prompt: '',
    shared: [],
    seed: rollSeed(),
    axes: {
      x: { param: 'model', text: formatAxisValues('model', [...MODEL_IDS]) },
      y: { param: 'num_inference_steps', text: '4, 6, 8' },
      z: { param: '', text: '' },
    },
    clamp: false,
  }
}

/** A saved comparison back in the editor, for "Duplicate and edit". */
export function draftFromSpec(spec: ComparisonSpec): EditorDraft {
  const axis = (key: AxisKey): AxisDraft => {
    const a = spec.axes[key]
    return a ? { param: a.param, text: formatAxisValues(a.param, a.values) } : { param: '', text: '' }
  }
  return {
    title: spec.title ? `${spec.title} (copy)` : '',
    model: spec.model,
    prompt: typeof spec.params.prompt === 'string' ? spec.params.prompt : '',
    shared: Object.entries(spec.params).flatMap(([name, value]) =>
      name === 'prompt' ? [] : [{ param: name as SharedParam, text: sharedText(name as SharedParam, value as AxisValue) }],
    ),
    seed: spec.seed === undefined ? rollSeed() : String(spec.seed),
    axes: { x: axis('x'), y: axis('y'), z: axis('z') },
    clamp: spec.outOfRange === 'clamp',
  }
}

const sharedText = (param: SharedParam, value: AxisValue) => (param === 'negative_prompt' ? String(value) : formatAxisValues(param, [value]))

/** One value for a shared parameter; a negative prompt is taken as typed, commas and all. */
export function parseShared(param: SharedParam, text: string): { ok: true; value: AxisValue } | { ok: false; error: string } {
  if (param === 'negative_prompt') return { ok: true, value: text }
  const parsed = parseAxisValues(param, text)
  if (!parsed.ok) return parsed
  if (parsed.values.length !== 1) return { ok: false, error: 'A shared parameter takes one value; make it an axis to vary it' }
  return { ok: true, value: parsed.values[0]! }
}

export type BuiltSpec = { spec: ComparisonSpec & { seed: number }; errors: Record<string, string> }

/** The request the draft asks for, and what is wrong with each field (by `axes.x`, `shared.guidance_scale`, `seed`). */
export function buildSpec(draft: EditorDraft): BuiltSpec {
  const errors: Record<string, string> = {}
  const params: Record<string, unknown> = { prompt: draft.prompt }
  for (const { param, text } of draft.shared) {
    const parsed = parseShared(param, text)
    if (parsed.ok) params[param] = parsed.value
    else errors[`shared.${param}`] = parsed.error
  }
  const axes: ComparisonSpec['axes'] = {}
  for (const key of AXIS_KEYS) {
    const { param, text } = draft.axes[key]
    if (!param) continue
    if (AXIS_INFO[param].input === 'choices' && !text.trim()) {
      errors[`axes.${key}`] = `${AXIS_INFO[param].label}: pick at least one value`
      continue
    }
    const parsed = parseAxisValues(param, text)
    if (parsed.ok) axes[key] = { param, values: parsed.values }
    else errors[`axes.${key}`] = parsed.error
  }
  const seed = Number(draft.seed)
  if (!/^\d+$/.test(draft.seed.trim()) || seed > SEED_MAX) errors.seed = `Seed must be a whole number from 0 to ${SEED_MAX.toLocaleString('en-US')}`
  return { spec: { title: draft.title.trim(), model: draft.model, params, seed, axes, outOfRange: draft.clamp ? 'clamp' : 'skip' }, errors }
}
