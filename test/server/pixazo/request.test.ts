import { describe, expect, it } from 'vitest'
import { MODELS } from '../../../shared/catalogue'
import { validateParams } from '../../../shared/params'
import { buildGenerateBody } from '../../../server/pixazo/request'

const full = {
  prompt: 'a red fox',
  negative_prompt: 'blur',
  image_size: 'square_hd',
  num_inference_steps: 8,
  guidance_scale: 2,
  num_images: 2,
  seed: 42,
  output_format: 'png',
  acceleration: 'none',
  enable_prompt_expansion: false,
  enable_safety_checker: true,
}

describe('buildGenerateBody', () => {
  it('sends ERNIE models every documented field they were given', () => {
    for (const model of ['ernie-image-turbo', 'ernie-image'] as const) {
      expect(buildGenerateBody(model, full)).toEqual(full)
    }
  })

  it('never sends Z-Image Turbo a negative prompt or guidance', () => {
    const body = buildGenerateBody('z-image-turbo', { ...full, internal_note: 'x' })
    expect(body).not.toHaveProperty('negative_prompt')
    expect(body).not.toHaveProperty('guidance_scale')
    expect(body).not.toHaveProperty('internal_note')
    expect(Object.keys(body).sort()).toEqual(Object.keys(MODELS['z-image-turbo'].params).sort())
  })

  it('sends a custom size as { width, height } and omits absent values', () => {
    const checked = validateParams('ernie-image-turbo', { prompt: 'p', image_size: { width: 640, height: 480 } })
    if (!checked.ok) throw new Error('expected valid')
    const body = buildGenerateBody('ernie-image-turbo', checked.params)
    expect(body.image_size).toEqual({ width: 640, height: 480 })
    expect(body).not.toHaveProperty('seed')
  })
})
