import { describe, expect, it } from 'vitest'
import { parseAxisValues } from '../../shared/compare-axes'
import { MAX_RANGE_VALUES, parseLineList, parseNumberList, parseWordList } from '../../shared/compare-range'

const values = (r: { ok: boolean; values?: unknown[] }) => (r.ok ? r.values : undefined)
const error = (r: { ok: boolean; error?: string }) => (r.ok ? undefined : r.error)

describe('number lists and ranges', () => {
  it('reads a plain list', () => {
    expect(values(parseNumberList('4, 8, 12'))).toEqual([4, 8, 12])
    expect(values(parseNumberList(' 3 '))).toEqual([3])
  })

  it('reads a range with a step, counting up or down', () => {
    expect(values(parseNumberList('4-12 (+4)'))).toEqual([4, 8, 12])
    expect(values(parseNumberList('12-4 (-4)'))).toEqual([12, 8, 4])
    expect(values(parseNumberList('4-12 (+3)'))).toEqual([4, 7, 10])
    expect(values(parseNumberList('5-8'))).toEqual([5, 6, 7, 8])
    expect(values(parseNumberList('8-5'))).toEqual([8, 7, 6, 5])
  })

  it('spreads a [count] range evenly, rounding for whole-number parameters', () => {
    expect(values(parseNumberList('1-20 [5]'))).toEqual([1, 5.75, 10.5, 15.25, 20])
    expect(values(parseNumberList('1-20 [5]', { integer: true }))).toEqual([1, 6, 11, 15, 20])
    expect(values(parseNumberList('20-1 [3]', { integer: true }))).toEqual([20, 11, 1])
  })

  it('keeps floats exact enough to read', () => {
    expect(values(parseNumberList('1-2 (+0.1)'))).toEqual([1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2])
    expect(values(parseNumberList('3.5, .5, 7.25'))).toEqual([3.5, 0.5, 7.25])
    expect(values(parseNumberList('1-2 [3]'))).toEqual([1, 1.5, 2])
  })

  it('mixes lists and ranges', () => {
    expect(values(parseNumberList('1, 4-8 (+2), 20'))).toEqual([1, 4, 6, 8, 20])
  })

  it('says what is wrong with bad syntax, quoting the item', () => {
    expect(error(parseNumberList(''))).toMatch(/^No values: write a list like 4, 8, 12/)
    expect(error(parseNumberList('4-'))).toBe('"4-" is not a number or a range: write a list like 4, 8, 12 or a range like 4-12 (+4) or 1-20 [5]')
    expect(error(parseNumberList('four'))).toMatch(/^"four" is not a number or a range/)
    expect(error(parseNumberList('1,,2'))).toMatch(/^An empty item between commas/)
    expect(error(parseNumberList('4-12 (0)'))).toBe('"4-12 (0)": the step must not be 0')
    expect(error(parseNumberList('4-12 (-4)'))).toBe('"4-12 (-4)": a step of -4 never gets from 4 to 12')
    expect(error(parseNumberList('1-5 [1]'))).toBe('"1-5 [1]": [1] must ask for at least 2 values')
  })

  it('refuses a range too large to expand', () => {
    expect(error(parseNumberList('1-1000000'))).toMatch(/makes 1,000,000 values; at most 1000/)
    expect(error(parseNumberList(`1-10 [${MAX_RANGE_VALUES + 1}]`))).toMatch(/at most 1000/)
  })
})

describe('word and line lists', () => {
  it('splits words on commas and keeps quoted commas', () => {
    expect(values(parseWordList('dog, cat, "red, fox"'))).toEqual(['dog', 'cat', 'red, fox'])
    expect(values(parseWordList('""'))).toEqual([''])
    expect(values(parseWordList('say ""hi""'))).toEqual(['say ""hi""'])
    expect(values(parseWordList('"say ""hi"""'))).toEqual(['say "hi"'])
  })

  it('refuses empty items and unclosed quotes', () => {
    expect(error(parseWordList('dog,'))).toBe('Value 2 is empty: write "" for an empty value')
    expect(error(parseWordList('a,"'))).toBe('A quote is not closed')
    expect(error(parseWordList('  '))).toMatch(/^No values/)
  })

  it('reads whole prompts one per line, commas and all', () => {
    expect(values(parseLineList('a fox, in snow\n\n  a heron, at dawn  \n""'))).toEqual(['a fox, in snow', 'a heron, at dawn', ''])
    expect(error(parseLineList('\n \n'))).toBe('No values: write one per line')
  })
})

describe('axis values', () => {
  it('types values by parameter and names the axis in errors', () => {
    expect(values(parseAxisValues('num_inference_steps', '4-8 (+2)'))).toEqual([4, 6, 8])
    expect(error(parseAxisValues('guidance_scale', 'high'))).toMatch(/^Guidance: "high" is not a number or a range/)
  })

  it('matches choices by id or label, and custom sizes', () => {
    expect(values(parseAxisValues('model', 'z-image-turbo, ERNIE Image 1.0'))).toEqual(['z-image-turbo', 'ernie-image'])
    expect(values(parseAxisValues('image_size', 'Square HD, 768x1024'))).toEqual(['square_hd', { width: 768, height: 1024 }])
    expect(values(parseAxisValues('enable_prompt_expansion', 'on, off'))).toEqual([true, false])
    expect(values(parseAxisValues('output_format', 'PNG, webp'))).toEqual(['png', 'webp'])
    expect(error(parseAxisValues('model', 'dall-e'))).toBe('Model: "dall-e" is not one of ERNIE Image Turbo, ERNIE Image 1.0, Z-Image Turbo')
  })

  it('refuses a value listed twice', () => {
    expect(error(parseAxisValues('num_inference_steps', '4, 8, 4'))).toBe('Steps: 4 is listed twice')
    expect(error(parseAxisValues('num_inference_steps', '1-2 [4]'))).toBe('Steps: 1 is listed twice')
  })
})
