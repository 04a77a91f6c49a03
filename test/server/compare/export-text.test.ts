import { describe, expect, it } from 'vitest'
import { textWidth, wrapText } from '../../../server/compare/export-text'
import { escapeXml } from '../../../shared/xml'

describe('export text', () => {
  it('wraps on spaces and keeps every line inside the width', () => {
    const lines = wrapText('a lighthouse on a basalt cliff at dusk, volumetric fog, 35mm film grain', 16, 200, 10)
    expect(lines.length).toBeGreaterThan(2)
    expect(lines.join(' ')).toBe('a lighthouse on a basalt cliff at dusk, volumetric fog, 35mm film grain')
    for (const line of lines) expect(textWidth(line, 16)).toBeLessThanOrEqual(200)
  })

  it('breaks a word longer than the line', () => {
    const lines = wrapText('supercalifragilisticexpialidocious', 16, 80, 10)
    expect(lines.length).toBeGreaterThan(1)
    expect(lines.join('')).toBe('supercalifragilisticexpialidocious')
  })

  it('ends in an ellipsis when there is more than fits in maxLines', () => {
    const lines = wrapText('one two three four five six seven eight nine ten eleven twelve', 16, 90, 2)
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatch(/…$/)
    expect(textWidth(lines[1]!, 16)).toBeLessThanOrEqual(90)
    expect(wrapText('short', 16, 90, 1)).toEqual(['short'])
  })

  it('measures bold wider, and escapes markup', () => {
    expect(textWidth('Model', 16, true)).toBeGreaterThan(textWidth('Model', 16))
    expect(escapeXml(`<a & "b">'`)).toBe('&lt;a &amp; &quot;b&quot;&gt;&apos;')
  })
})

describe('wrapText with no room', () => {
  it('returns no lines instead of splitting forever (a grid without row labels)', () => {
    expect(wrapText('', 16, -24, 3)).toEqual([])
    expect(wrapText('seed 42', 16, -24, 3)).toEqual([])
    expect(wrapText('seed 42', 16, 0, 3)).toEqual([])
  })
})
