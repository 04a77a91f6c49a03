import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { startStack, type Stack } from '../harness'
import { createComparison, settleComparison, THREE_MODELS } from './support'

let stack: Stack
afterEach(() => stack?.close())

const png = async (stackNow: Stack, path: string) => {
  const res = await stackNow.api(path)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('image/png')
  const body = Buffer.from(await res.arrayBuffer())
  return { body, meta: await sharp(body).metadata() }
}

describe('exported grid', () => {
  it('is a real PNG sized for its cells, one Z page or all stacked', async () => {
    stack = await startStack()
    const created = await createComparison(stack, {
      title: 'A very long title that goes on and on to check that the export wraps it instead of running off the edge',
      model: 'ernie-image-turbo',
      params: { prompt: 'a heron in morning fog over a still lake, long exposure, muted colours', guidance_scale: 4 },
      axes: {
        x: THREE_MODELS,
        y: { param: 'num_inference_steps', values: [4, 8] },
        z: { param: 'image_size', values: ['square', 'landscape_4_3'] },
      },
    })
    await settleComparison(stack, created.id)

    const one = await png(stack, `/api/comparisons/${created.id}/export.png?z=1`)
    expect(one.meta.format).toBe('png')
    // Three 300 px columns plus a row header and margins; two rows plus title and headers.
    expect(one.meta.width).toBeGreaterThan(3 * 300)
    expect(one.meta.width).toBeLessThan(1600)
    expect(one.meta.height).toBeGreaterThan(2 * 300)
    expect(one.body.length).toBeGreaterThan(20_000)

    const all = await png(stack, `/api/comparisons/${created.id}/export.png?z=all`)
    expect(all.meta.width).toBe(one.meta.width)
    expect(all.meta.height!).toBeGreaterThan(one.meta.height! + 2 * 300)

    const swapped = await png(stack, `/api/comparisons/${created.id}/export.png?order=yxz`)
    expect(swapped.meta.width).toBeLessThan(one.meta.width!)

    // The title was drawn (a machine without fonts draws no text): dark ink in the title band.
    const title = await sharp(one.body).extract({ left: 40, top: 40, width: 600, height: 40 }).greyscale().stats()
    expect(title.channels[0]!.min).toBeLessThan(60)
    // And the cells hold the images, not blank boxes: a page of text alone has far less entropy.
    expect((await sharp(one.body).stats()).entropy).toBeGreaterThan(3)
    expect((await stack.api(`/api/comparisons/${created.id}/export.png?z=2`)).status).toBe(400)
    expect((await stack.api(`/api/comparisons/${created.id}/export.png?order=abc`)).status).toBe(400)
  })

  it('returns images by id for the side-by-side view, in the order asked', async () => {
    stack = await startStack()
    const created = await createComparison(stack, {
      model: 'z-image-turbo',
      params: { prompt: 'a fox' },
      axes: { x: { param: 'seed', values: [1, 2, 3] } },
    })
    const done = await settleComparison(stack, created.id)
    const ids = done.cells.map((c) => c.image!.id).reverse()
    const res = await stack.api(`/api/comparisons/side-by-side?images=${ids.join(',')}`)
    expect(res.status).toBe(200)
    expect((await res.json()).items.map((i: { id: string; seed: number }) => [i.id, i.seed])).toEqual(ids.map((id, i) => [id, 3 - i]))
    const one = await stack.api(`/api/comparisons/side-by-side?images=${ids[0]}`)
    expect(one.status).toBe(400)
    expect((await one.json()).error.message).toMatch(/at least 2/)
  })
})
