import { describe, expect, it } from 'vitest'
import { defaultParams, estimateCostUsd, MODEL_IDS, MODELS, PARAM_NAMES, SIZE_PRESETS, sizeInPixels } from '../../shared/catalogue'

describe('model catalogue', () => {
  it('lists the three Pixazo models by their display names and gateway endpoints', () => {
    expect(MODEL_IDS.map((id) => MODELS[id].displayName)).toEqual(['ERNIE Image Turbo', 'ERNIE Image 1.0', 'Z-Image Turbo'])
    expect(MODEL_IDS.map((id) => MODELS[id].endpointId)).toEqual(['ernie-image-turbo', 'ernie-image', 'z-image-turbo-834'])
  })

  it('gives each model its documented defaults and ranges', () => {
    expect(defaultParams('ernie-image-turbo')).toMatchObject({
      num_inference_steps: 8,
      guidance_scale: 1,
      image_size: 'square_hd',
      output_format: 'jpeg',
      acceleration: 'regular',
    })
    expect(defaultParams('ernie-image')).toMatchObject({ num_inference_steps: 50, guidance_scale: 5 })
    expect(defaultParams('z-image-turbo')).toMatchObject({
      num_inference_steps: 8,
      image_size: 'landscape_4_3',
      output_format: 'png',
      acceleration: 'none',
    })
    expect(MODELS['ernie-image'].params.num_inference_steps).toMatchObject({ min: 1, max: 100 })
    expect(MODELS['ernie-image-turbo'].params.num_inference_steps).toMatchObject({ min: 1, max: 20 })
  })

  it('has no negative prompt or guidance for Z-Image Turbo', () => {
    expect(MODELS['z-image-turbo'].params.negative_prompt).toBeUndefined()
    expect(MODELS['z-image-turbo'].params.guidance_scale).toBeUndefined()
  })

  it('knows only parameter names from the shared list, and every default is inside its own range', () => {
    for (const model of Object.values(MODELS)) {
      for (const [name, spec] of Object.entries(model.params)) {
        expect(PARAM_NAMES).toContain(name)
        if (spec.kind === 'int' || spec.kind === 'float') {
          expect(spec.default).toBeGreaterThanOrEqual(spec.min)
          expect(spec.default).toBeLessThanOrEqual(spec.max)
        }
        if (spec.kind === 'enum') expect(spec.options).toContain(spec.default)
        if (spec.kind === 'size') expect(spec.presets).toContain(spec.default)
      }
    }
  })

  it('prices Z-Image at $0.008 an image and leaves unknown prices unknown, never zero', () => {
    expect(estimateCostUsd('z-image-turbo', 3)).toBe(0.024)
    expect(estimateCostUsd('ernie-image-turbo', 1)).toBeNull()
    expect(estimateCostUsd('ernie-image', 4)).toBeNull()
  })

  it('knows pixel sizes only where a source confirms them', () => {
    expect(sizeInPixels('landscape_16_9')).toEqual({ width: 1024, height: 576 })
    expect(sizeInPixels('square_uhd')).toBeNull()
    expect(sizeInPixels({ width: 640, height: 480 })).toEqual({ width: 640, height: 480 })
    expect(Object.keys(SIZE_PRESETS)).toHaveLength(11)
  })
})
