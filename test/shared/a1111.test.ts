import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatParametersText, parseParametersText } from '../../shared/a1111'
import { MODEL_IDS, MODELS, SIZE_PRESETS } from '../../shared/catalogue'
import { validateParams } from '../../shared/params'

describe('A1111 parameters text', () => {
  it('writes the familiar layout', () => {
    const text = formatParametersText('ernie-image', {
      prompt: 'a red fox',
      negative_prompt: 'blurry',
      num_inference_steps: 50,
      guidance_scale: 5,
      seed: 42,
      image_size: 'landscape_4_3',
      output_format: 'png',
    })
    expect(text).toBe(
      'a red fox\nNegative prompt: blurry\nSteps: 50, CFG scale: 5, Seed: 42, Size: 1024x768, Size preset: landscape_4_3, Model: ernie-image, Format: png',
    )
  })

  it('reads text written by AUTOMATIC1111, ignoring what means nothing here', () => {
    const parsed = parseParametersText(
      'masterpiece, a lighthouse at dusk\nwith fog\nNegative prompt: lowres, text\nSteps: 8, Sampler: DPM++ 2M Karras, CFG scale: 4.5, Seed: 1234, Size: 1024x576, Model hash: abc123, Model: ERNIE Image Turbo, Lora hashes: "x: 1, y: 2"',
    )
    expect(parsed).toEqual({
      model: 'ernie-image-turbo',
      params: {
        prompt: 'masterpiece, a lighthouse at dusk\nwith fog',
        negative_prompt: 'lowres, text',
        num_inference_steps: 8,
        guidance_scale: 4.5,
        seed: 1234,
        image_size: 'landscape_16_9',
      },
      ignored: ['Sampler', 'Model hash', 'Lora hashes'],
    })
  })

  it('keeps a size that is no preset as a custom size', () => {
    expect(parseParametersText('x\nSteps: 4, Size: 640x960, Model: z-image-turbo')?.params.image_size).toEqual({ width: 640, height: 960 })
  })

  it('reads Darkroom JSON too, and says no to plain text', () => {
    expect(parseParametersText('{"model":"z-image-turbo","params":{"prompt":"owl","seed":3}}')).toEqual({
      model: 'z-image-turbo',
      params: { prompt: 'owl', seed: 3 },
      ignored: [],
    })
    expect(parseParametersText('just a prompt, with commas: and colons')).toBeNull()
    expect(parseParametersText('{not json')).toBeNull()
  })

  it('round-trips every valid parameter set of every model (property)', () => {
    const paramsFor = (model: (typeof MODEL_IDS)[number]) => {
      const p = MODELS[model].params
      const int = (name: string) => {
        const s = p[name as keyof typeof p]
        return s && s.kind === 'int' ? fc.integer({ min: s.min, max: s.max }) : fc.constant(undefined)
      }
      const size = p.image_size!.kind === 'size' ? p.image_size! : null
      return fc.record({
        prompt: fc
          .string({ minLength: 1, maxLength: 40 })
          .filter((s) => s.trim() === s && s.length > 0 && !/[\n\r]|^Negative prompt:|^Steps:|^\{/.test(s)),
        num_inference_steps: int('num_inference_steps'),
        num_images: int('num_images'),
        seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        image_size: fc.oneof(
          fc.constantFrom(...(size ? size.presets : [])),
          fc.record({ width: fc.constantFrom(512, 640, 1024), height: fc.constantFrom(512, 768, 1024) }),
        ),
        enable_safety_checker: fc.boolean(),
      })
    }
    for (const model of MODEL_IDS) {
      fc.assert(
        fc.property(paramsFor(model), (raw) => {
          const params = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined))
          if (!validateParams(model, params).ok) return true
          const back = parseParametersText(formatParametersText(model, params))
          expect(back?.model).toBe(model)
          // A custom size that is exactly a preset's reads back as that preset: the same request.
          const preset = Object.values(SIZE_PRESETS).find(
            (s) =>
              typeof params.image_size === 'object' &&
              s.pixels &&
              s.pixels.width === params.image_size.width &&
              s.pixels.height === params.image_size.height,
          )
          const spec = MODELS[model].params.image_size
          const expected =
            preset && spec?.kind === 'size' && (spec.presets as readonly string[]).includes(preset.id) ? { ...params, image_size: preset.id } : params
          expect(back?.params).toEqual(expected)
        }),
        { numRuns: 60 },
      )
    }
  })
})
