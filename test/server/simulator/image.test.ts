// The stand-in pictures themselves: deterministic, and shaped by model, steps and guidance the way
// a person comparing demo results would notice.
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { MODEL_IDS } from '../../../shared/catalogue'
import { renderImage, type RenderInput } from '../../../server/simulator/image'

const base = { prompt: 'a pear on a table', seed: 7, width: 256, height: 256, format: 'png' } as const

/** Mean absolute Laplacian of the grey image: how much fine edge detail there is. */
async function edgeEnergy(bytes: Buffer): Promise<number> {
  const laplacian = { width: 3, height: 3, kernel: [0, -1, 0, -1, 4, -1, 0, -1, 0], offset: 128 }
  const { data } = await sharp(bytes).greyscale().convolve(laplacian).raw().toBuffer({ resolveWithObject: true })
  let sum = 0
  for (const v of data) sum += Math.abs(v - 128)
  return sum / data.length
}

/** Mean HSV saturation, 0–1. */
async function saturation(bytes: Buffer): Promise<number> {
  const { data } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  let sum = 0
  for (let i = 0; i < data.length; i += 3) {
    const max = Math.max(data[i]!, data[i + 1]!, data[i + 2]!)
    const min = Math.min(data[i]!, data[i + 1]!, data[i + 2]!)
    sum += max === 0 ? 0 : (max - min) / max
  }
  return sum / (data.length / 3)
}

const meanColour = async (bytes: Buffer) => (await sharp(bytes).stats()).channels.slice(0, 3).map((c) => c.mean)

describe('renderImage', () => {
  it.each(['png', 'jpeg', 'webp'] as const)('renders a %s of the exact size, even at odd sizes', async (format) => {
    const bytes = await renderImage({ prompt: 'a pear', seed: 1, width: 65, height: 1001, format })
    expect(await sharp(bytes).metadata()).toMatchObject({ width: 65, height: 1001, format })
  })

  it('gives the same bytes for the same request, whatever the model, steps and guidance', async () => {
    const inputs: RenderInput[] = [
      { ...base, model: 'ernie-image', steps: 4, guidance: 12 },
      { ...base, model: 'ernie-image-turbo', steps: 20, guidance: 1 },
      { ...base, model: 'z-image-turbo', steps: 2, format: 'jpeg' },
    ]
    for (const input of inputs) {
      const [a, b] = await Promise.all([renderImage(input), renderImage({ ...input })])
      expect(a.equals(b)).toBe(true)
    }
  })

  it('differs by seed and prompt', async () => {
    const [a, c, d] = await Promise.all([renderImage(base), renderImage({ ...base, seed: 2 }), renderImage({ ...base, prompt: 'an apple' })])
    expect(a.equals(c)).toBe(false)
    expect(a.equals(d)).toBe(false)
  })

  it('paints each model in its own colours', async () => {
    const colours = await Promise.all(MODEL_IDS.map(async (model) => meanColour(await renderImage({ ...base, model }))))
    for (let i = 0; i < colours.length; i++) {
      for (let j = i + 1; j < colours.length; j++) {
        const distance = Math.hypot(...colours[i]!.map((v, k) => v - colours[j]![k]!))
        expect(distance, `${MODEL_IDS[i]} vs ${MODEL_IDS[j]}`).toBeGreaterThan(15)
      }
    }
  })

  it.each([
    ['ernie-image-turbo', [1, 8, 20]],
    ['ernie-image', [4, 30, 100]],
    ['z-image-turbo', [1, 4, 8]],
  ] as const)('draws %s with more detail as the steps grow', async (model, steps) => {
    const energies = await Promise.all(steps.map(async (s) => edgeEnergy(await renderImage({ ...base, model, steps: s }))))
    expect(energies[1]).toBeGreaterThan(energies[0]!)
    expect(energies[2]).toBeGreaterThan(energies[1]!)
  })

  it.each(['ernie-image-turbo', 'ernie-image'] as const)('makes %s more saturated as the guidance grows', async (model) => {
    const levels = await Promise.all([1, 5, 20].map(async (g) => saturation(await renderImage({ ...base, model, steps: 50, guidance: g }))))
    expect(levels[1]).toBeGreaterThan(levels[0]! + 0.03)
    expect(levels[2]).toBeGreaterThan(levels[1]! + 0.03)
  })

  it('keeps the composition across models: the same prompt and seed put the sun in the same place', async () => {
    // The brightest column band of each picture is where its sun is.
    const sunColumn = async (bytes: Buffer) => {
      const { data, info } = await sharp(bytes).greyscale().resize(32, 32, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true })
      const columns = Array.from({ length: info.width }, (_, x) => {
        let sum = 0
        for (let y = 0; y < info.height / 2; y++) sum += data[y * info.width + x]!
        return sum
      })
      return columns.indexOf(Math.max(...columns))
    }
    const columns = await Promise.all(MODEL_IDS.map(async (model) => sunColumn(await renderImage({ ...base, model }))))
    expect(Math.max(...columns) - Math.min(...columns)).toBeLessThanOrEqual(4)
  })

  it('marks every picture as simulated in the bottom-right corner, crisp even at few steps', async () => {
    for (const input of [
      { ...base, model: 'ernie-image', steps: 1 },
      { ...base, width: 1024, height: 1024 },
    ] as const) {
      const bytes = await renderImage(input)
      const corner = await sharp(bytes)
        .extract({ left: input.width - 40, top: input.height - 10, width: 40, height: 10 })
        .greyscale()
        .raw()
        .toBuffer()
      expect(Math.max(...corner)).toBeGreaterThan(220) // white letters
      expect(Math.min(...corner)).toBeLessThan(60) // on a dark plate
    }
  })
})
