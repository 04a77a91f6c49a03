import type { Preset } from '../../../shared/presets'
import { draftFromParams, type Draft } from './draft'

/** The prompt a preset's style makes of what the person typed. */
const styledPrompt = (preset: Pick<Preset, 'prefix' | 'suffix'>, prompt: string) => `${preset.prefix}${prompt}${preset.suffix}`

/**
 * The form after applying a preset: its model and parameters, the prompt kept (with the preset's style
 * written around it, visibly, so what is sent is what is shown) and the seed kept as it was.
 */
export function applyPreset(draft: Draft, preset: Preset): Draft {
  const prompt = typeof draft.values.prompt === 'string' ? draft.values.prompt : ''
  const negative = draft.values.negative_prompt
  const next = draftFromParams(preset.model, {
    negative_prompt: typeof negative === 'string' ? negative : undefined,
    ...preset.params,
    prompt: styledPrompt(preset, prompt),
  })
  return { ...next, seed: draft.seed }
}
