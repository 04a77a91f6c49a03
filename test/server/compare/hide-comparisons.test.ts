import { afterEach, describe, expect, it } from 'vitest'
import type { Image } from '../../../shared/api'
import { startStack, type Stack } from '../harness'
import { createComparison, settleComparison } from './support'

let stack: Stack
afterEach(() => stack?.close())

describe('gallery without comparison images', () => {
  it('comparison:none leaves out every image made for a comparison grid', async () => {
    stack = await startStack()
    const job = await stack.createJob('z-image-turbo', { prompt: 'a playground fox' })
    const grid = await createComparison(stack, {
      model: 'z-image-turbo',
      params: { prompt: 'a grid heron' },
      axes: { x: { param: 'num_inference_steps', values: [4, 8] } },
    })
    await stack.settle(job.id)
    await settleComparison(stack, grid.id)
    const list = async (q?: string): Promise<Image[]> =>
      (await (await stack.api(`/api/images${q ? `?q=${encodeURIComponent(q)}` : ''}`)).json()).items
    expect(await list()).toHaveLength(3)
    const playground = await list('comparison:none')
    expect(playground.map((i) => i.prompt)).toEqual(['a playground fox'])
    expect((await list(`comparison:${grid.id}`)).every((i) => i.comparisonId === grid.id)).toBe(true)
  })

  it('counts the whole view with its first page, so the gallery can say "3 images", not "1+"', async () => {
    stack = await startStack()
    for (const prompt of ['a fox', 'a heron', 'an owl']) await stack.settle((await stack.createJob('z-image-turbo', { prompt })).id)
    const first = await (await stack.api('/api/images?limit=1')).json()
    expect(first.items).toHaveLength(1)
    expect(first.total).toEqual({ count: 3, exact: true })
    const second = await (await stack.api(`/api/images?limit=1&cursor=${first.nextCursor}`)).json()
    expect(second.total).toBeNull()
    expect((await (await stack.api(`/api/images?limit=1&q=${encodeURIComponent('heron')}`)).json()).total).toEqual({ count: 1, exact: true })
  })
})
