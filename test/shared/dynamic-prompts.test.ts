import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { countCombinations, drawRandom, expandTemplate, isTemplate, parseTemplate } from '../../shared/dynamic-prompts'

const all = (src: string, lists = {}) => {
  const r = expandTemplate(src, { kind: 'all' }, lists)
  if (!r.ok) throw new Error(r.error.message)
  return r.prompts
}
const errorOf = (src: string, lists = {}) => {
  const r = expandTemplate(src, { kind: 'all' }, lists)
  if (r.ok) throw new Error(`expected an error for ${src}`)
  return r.error
}

describe('dynamic prompts: expanding', () => {
  it('expands variants, in order', () => {
    expect(all('{red|green|blue} fox')).toEqual(['red fox', 'green fox', 'blue fox'])
  })

  it('multiplies several choices', () => {
    expect(all('{a|b} {x|y}')).toEqual(['a x', 'a y', 'b x', 'b y'])
  })

  it('picks several different variants, joined with ", " or a custom separator', () => {
    expect(all('{2$$a|b|c}')).toEqual(['a, b', 'a, c', 'b, c'])
    expect(all('{2$$ and $$cat|dog}')).toEqual(['cat and dog'])
    expect(all('{1-2$$a|b}')).toEqual(['a', 'b', 'a, b'])
  })

  it('expands numeric ranges, with a step', () => {
    expect(all('{1-3} cats')).toEqual(['1 cats', '2 cats', '3 cats'])
    expect(all('zoom {0.5-1.5 (+0.5)}')).toEqual(['zoom 0.5', 'zoom 1.0', 'zoom 1.5'])
  })

  it('takes entries from named lists, which may nest the grammar and other lists', () => {
    const lists = { animals: ['fox', '{small|big} __birds__'], birds: ['owl'] }
    expect(all('a __animals__', lists)).toEqual(['a fox', 'a small owl', 'a big owl'])
  })

  it('nests choices', () => {
    expect(all('{a {1|2}|b}')).toEqual(['a 1', 'a 2', 'b'])
  })

  it('keeps escaped characters and plain text as they are', () => {
    expect(all('a \\{b\\} c | d __not a list')).toEqual(['a {b} c | d __not a list'])
    expect(isTemplate('a \\{b\\}')).toBe(false)
    expect(isTemplate('{a|b}')).toBe(true)
    expect(isTemplate('__x__')).toBe(true)
  })

  it('folds the double space an empty variant leaves', () => {
    expect(all('a {|big} fox')).toEqual(['a fox', 'a big fox'])
  })

  it('counts without expanding, matching the expansion', () => {
    for (const src of ['{a|b} {x|y|z}', '{2$$a|b|c|d}', '{1-3$$a|{b|c}|d}', '{1-4} {x|y}']) {
      const parsed = parseTemplate(src)
      if (!parsed.ok) throw new Error(parsed.error.message)
      expect(countCombinations(parsed.template)).toBe(all(src).length)
    }
  })

  it('refuses "all combinations" beyond the limit, naming the count', () => {
    const r = expandTemplate('{1-100} {1-100}', { kind: 'all' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toMatch(/10,000 prompts.*at most 1000/)
  })

  it('draws random prompts deterministically for a seed, each one the template can make', () => {
    const parsed = parseTemplate('{red|green|blue} {fox|owl} {2$$a|b|c}')
    if (!parsed.ok) throw new Error(parsed.error.message)
    const a = drawRandom(parsed.template, 20, 7)
    expect(drawRandom(parsed.template, 20, 7)).toEqual(a)
    expect(drawRandom(parsed.template, 20, 8)).not.toEqual(a)
    const possible = new Set(all('{red|green|blue} {fox|owl} {2$$a|b|c}'))
    for (const p of a) expect(possible.has(p)).toBe(true)
  })

  it('never makes a prompt outside the expansion (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 4 }), fc.integer(), (opts, seed) => {
        const src = `x {${opts.join('|')}} y`
        const parsed = parseTemplate(src)
        if (!parsed.ok) return false
        const possible = new Set(all(src))
        return drawRandom(parsed.template, 5, seed).every((p) => possible.has(p))
      }),
    )
  })
})

describe('dynamic prompts: malformed templates name the position', () => {
  it.each([
    ['a {red|green fox', /never closed/, 2],
    ['a red} fox', /without a matching/, 5],
    ['{3$$a|b}', /Cannot pick 3 of 2 variants/, 1],
    ['{3-1$$a|b|c}', /goes backwards/, 1],
    ['{5-1}', /goes backwards/, 1],
    ['{1-9 (+0)}', /step .* more than 0/, 1],
    ['a __nope__', /No list named "nope"/, 2],
  ])('%s', (src, message, position) => {
    const error = errorOf(src)
    expect(error.message).toMatch(message)
    expect(error.position).toBe(position)
    expect(error.message).toContain(`at character ${position + 1}`)
  })

  it('finds lists that refer to themselves, and empty lists', () => {
    expect(errorOf('__a__', { a: ['x __b__'], b: ['__a__'] }).message).toMatch(/refers to itself/)
    expect(errorOf('x __e__', { e: [] })).toEqual({ message: expect.stringMatching(/"e" is empty/), position: 2 })
  })

  it('reports an error inside a list entry at the wildcard', () => {
    expect(errorOf('one __bad__', { bad: ['{x'] })).toEqual({ message: expect.stringMatching(/In list "bad": "\{" is never closed/), position: 4 })
  })
})
