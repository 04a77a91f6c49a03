// The stand-in pictures themselves.
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { renderImage } from '../../../server/simulator/image'

describe('renderImage', () => {
  it.each(['png', 'jpeg', 'webp'] as const)('renders a %s of the exact size, even at odd sizes', async (format) => {
    const bytes = await renderImage({ prompt: 'a pear', seed: 1, width: 65, height: 1001, format })
    expect(await sharp(bytes).metadata()).toMatchObject({ width: 65, height: 1001, format })
  })

  it('gives the same bytes for the same input and different ones otherwise', async () => {
    const input = { prompt: 'a pear', seed: 1, width: 256, height: 256, format: 'png' } as const
    const [a, b, c, d] = await Promise.all([
      renderImage(input),
      renderImage(input),
      renderImage({ ...input, seed: 2 }),
      renderImage({ ...input, prompt: 'an apple' }),
    ])
    expect(a.equals(b)).toBe(true)
    expect(a.equals(c)).toBe(false)
    expect(a.equals(d)).toBe(false)
  })

  it('draws a picture, not a flat fill', async () => {
    const bytes = await renderImage({ prompt: 'a pear', seed: 1, width: 256, height: 256, format: 'png' })
    const stats = await sharp(bytes).stats()
    expect(Math.max(...stats.channels.map((c) => c.stdev))).toBeGreaterThan(10)
  })
})
