// Control characters in a comparison's title, prompt or axis values (XML cannot hold them) used to
// make export.png fail with a 500 on every try. They are dropped before anything is drawn.
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type Stack } from '../harness'
import { createComparison, settleComparison } from '../compare/support'
import { drawableText, wrapText } from '../../../server/compare/export-text'

let stack: Stack
beforeAll(async () => {
  stack = await startStack()
})
afterAll(() => stack.close())

const NASTY = '\u0000\u0001\u0007\u0008\u000b\u000c\u001b[31m\u007f\u0085\u009b\ufffe\uffff\ud800'

describe('exported grid with control characters', () => {
  it('is drawn, with the readable text kept', async () => {
    const created = await createComparison(stack, {
      title: `Bell${NASTY} and escape`,
      model: 'z-image-turbo',
      params: { prompt: `a fox${NASTY} in snow` },
      axes: { x: { param: 'prompt', values: [`one${NASTY}`, `two\u0000`] } },
    })
    await settleComparison(stack, created.id)
    const res = await stack.api(`/api/comparisons/${created.id}/export.png`)
    expect(
      res.status,
      await res
        .clone()
        .text()
        .catch(() => ''),
    ).toBe(200)
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata()
    expect(meta.format).toBe('png')
    // The title was drawn: dark ink in the title band.
    const png = Buffer.from(await (await stack.api(`/api/comparisons/${created.id}/export.png`)).arrayBuffer())
    const title = await sharp(png).extract({ left: 40, top: 40, width: 400, height: 40 }).greyscale().stats()
    expect(title.channels[0]!.min).toBeLessThan(60)
  })
})

describe('drawableText', () => {
  it('drops what XML cannot hold and keeps the rest, emoji included', () => {
    expect(drawableText(`a${NASTY}b 🦊 é\tc`)).toBe('a[31mb 🦊 é\tc')
    expect(wrapText(`a\u0000b\u001bc`, 16, 500, 1)).toEqual(['abc'])
  })
})
