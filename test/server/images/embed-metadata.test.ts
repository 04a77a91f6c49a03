import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { readEmbeddedParameters, type EmbeddedParameters } from '../../../shared/image-metadata'
import { embedParameters } from '../../../server/images/embed-metadata'
import { renderImage } from '../../../server/simulator/image'

const payload: EmbeddedParameters = {
  app: 'darkroom',
  model: 'ernie-image',
  params: {
    prompt: 'a <red> fox & "friends" — 狐狸',
    negative_prompt: 'blur',
    num_inference_steps: 50,
    guidance_scale: 5,
    seed: 42,
    image_size: { width: 640, height: 480 },
  },
  requestId: 'ernie-image_0199',
  createdAt: '2026-11-21T12:00:00.000Z',
}

describe('parameters embedded in downloaded files', () => {
  it.each(['png', 'jpeg', 'webp'] as const)('%s: read back exactly, and the file still decodes the same', async (format) => {
    const original = await renderImage({ prompt: 'fox', seed: 1, width: 96, height: 64, format })
    const mime = `image/${format}`
    const tagged = embedParameters(original, mime, payload, { width: 96, height: 64 })
    expect(readEmbeddedParameters(original)).toBeNull()
    expect(readEmbeddedParameters(tagged)).toEqual(payload)

    const meta = await sharp(tagged).metadata()
    expect({ w: meta.width, h: meta.height, f: meta.format }).toEqual({ w: 96, h: 64, f: format })
    const [a, b] = await Promise.all([sharp(original).raw().toBuffer(), sharp(tagged).raw().toBuffer()])
    expect(b.equals(a)).toBe(true)
    // Other tools see it too: XMP for JPEG/WebP, a text chunk for PNG.
    if (format === 'png') expect(meta.comments?.some((c) => c.keyword === 'darkroom')).toBe(true)
    else expect(meta.xmp?.toString('utf8')).toContain('darkroom:parameters')
  })

  it('ignores files that carry something else', () => {
    expect(readEmbeddedParameters(new TextEncoder().encode('not an image at all'))).toBeNull()
  })
})
