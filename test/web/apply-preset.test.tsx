import { describe, expect, it } from 'vitest'
import { BUILT_IN_PRESETS } from '../../shared/presets'
import { applyPreset } from '../../web/features/generate/apply-preset'
import { draftToParams, initialDraft } from '../../web/features/generate/draft'

describe('applying a preset to the form', () => {
  it('takes the model and parameters, keeps the prompt and the seed, and writes the style around the prompt', () => {
    const draft = { ...initialDraft('ernie-image-turbo'), seed: { random: false, value: '77' } }
    draft.values.prompt = 'a fox'
    const photo = BUILT_IN_PRESETS.find((p) => p.name === 'Z-Image · photo')!
    const next = applyPreset(draft, photo)
    expect(next.model).toBe('z-image-turbo')
    expect(draftToParams(next)).toMatchObject({
      prompt: 'photograph of a fox, natural light, 35mm',
      seed: 77,
      image_size: 'landscape_4_3',
      output_format: 'jpeg',
    })
  })

  it('keeps the negative prompt when the preset has none', () => {
    const draft = initialDraft('ernie-image')
    draft.values.prompt = 'owl'
    draft.values.negative_prompt = 'blurry'
    const quality = BUILT_IN_PRESETS.find((p) => p.name === 'ERNIE 1.0 · quality')!
    expect(draftToParams(applyPreset(draft, quality))).toMatchObject({
      prompt: 'owl',
      negative_prompt: 'blurry',
      num_inference_steps: 50,
      guidance_scale: 5,
    })
  })
})
