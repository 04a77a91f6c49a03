import { describe, expect, it } from 'vitest'
import { validateParams } from '../../shared/params'

const errorsOf = (result: ReturnType<typeof validateParams>) => (result.ok ? {} : result.errors)

describe('validateParams', () => {
  it('fills every default the model has and leaves the seed out when random', () => {
    const result = validateParams('ernie-image', { prompt: 'a lighthouse' })
    expect(result).toEqual({
      ok: true,
      params: {
        prompt: 'a lighthouse',
        negative_prompt: '',
        image_size: 'square_hd',
        num_inference_steps: 50,
        guidance_scale: 5,
        num_images: 1,
        output_format: 'jpeg',
        acceleration: 'regular',
        enable_prompt_expansion: true,
        enable_safety_checker: true,
      },
    })
  })

  it('refuses an empty prompt, naming the field', () => {
    expect(errorsOf(validateParams('z-image-turbo', { prompt: '   ' }))).toEqual({ prompt: 'Prompt is required' })
    expect(errorsOf(validateParams('z-image-turbo', {}))).toHaveProperty('prompt')
  })

  it('refuses steps outside the model range with the limit in the message', () => {
    expect(errorsOf(validateParams('z-image-turbo', { prompt: 'x', num_inference_steps: 9 }))).toEqual({
      num_inference_steps: 'Steps must be between 1 and 8',
    })
    expect(validateParams('ernie-image', { prompt: 'x', num_inference_steps: 100 }).ok).toBe(true)
    expect(errorsOf(validateParams('ernie-image', { prompt: 'x', num_inference_steps: 2.5 }))).toHaveProperty('num_inference_steps')
  })

  it('refuses a field the model does not have, by name', () => {
    expect(errorsOf(validateParams('z-image-turbo', { prompt: 'x', guidance_scale: 3 }))).toEqual({
      guidance_scale: 'Z-Image Turbo has no parameter "guidance_scale"',
    })
    expect(errorsOf(validateParams('z-image-turbo', { prompt: 'x', negative_prompt: 'blur' }))).toHaveProperty('negative_prompt')
  })

  it('checks custom sizes against each side and the pixel budget', () => {
    expect(validateParams('ernie-image-turbo', { prompt: 'x', image_size: { width: 1024, height: 768 } }).ok).toBe(true)
    expect(errorsOf(validateParams('ernie-image-turbo', { prompt: 'x', image_size: { width: 4000, height: 768 } })).image_size).toMatch(/1536/)
    expect(errorsOf(validateParams('ernie-image-turbo', { prompt: 'x', image_size: { width: 100, height: 768 } })).image_size).toMatch(/256/)
    expect(errorsOf(validateParams('z-image-turbo', { prompt: 'x', image_size: 'square_uhd' })).image_size).toMatch(/must be one of/)
    expect(validateParams('z-image-turbo', { prompt: 'x', image_size: { width: 2048, height: 2048 } }).ok).toBe(true)
  })

  it('refuses enum values, seeds and counts outside what the model allows', () => {
    expect(errorsOf(validateParams('ernie-image', { prompt: 'x', output_format: 'webp' })).output_format).toMatch(/jpeg, png/)
    expect(errorsOf(validateParams('z-image-turbo', { prompt: 'x', acceleration: 'high' })).acceleration).toMatch(/none/)
    expect(errorsOf(validateParams('ernie-image', { prompt: 'x', seed: -1 })).seed).toMatch(/between 0 and/)
    expect(errorsOf(validateParams('ernie-image', { prompt: 'x', num_images: 5 })).num_images).toMatch(/between 1 and 4/)
    expect(errorsOf(validateParams('ernie-image', { prompt: 'x', enable_safety_checker: 'yes' })).enable_safety_checker).toMatch(/true or false/)
  })

  it('refuses a prompt over 2,048 characters', () => {
    expect(errorsOf(validateParams('ernie-image', { prompt: 'a'.repeat(2049) })).prompt).toMatch(/2,048/)
  })
})
