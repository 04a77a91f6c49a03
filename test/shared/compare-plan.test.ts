import { describe, expect, it, vi } from 'vitest'
import type { ComparisonSpec } from '../../shared/compare'
import { cellCount, clampedValues, planComparison, withSharedSeed, type Plan } from '../../shared/compare-plan'

const MODELS3 = { param: 'model' as const, values: ['ernie-image-turbo', 'ernie-image', 'z-image-turbo'] }
const steps = (...values: number[]) => ({ param: 'num_inference_steps' as const, values })
const spec = (over: Partial<ComparisonSpec> = {}): ComparisonSpec & { seed: number } => ({
  model: 'ernie-image-turbo',
  params: { prompt: 'a lighthouse at dusk' },
  seed: 1234,
  axes: {},
  ...over,
})
const plan = (s: ComparisonSpec & { seed: number }, maxImages = 100) => planComparison(s, { maxImages })
const ok = (p: Plan) => {
  if (!p.ok) throw new Error(p.message)
  return p
}

describe('planComparison', () => {
  it('makes one cell per combination, X fastest, with its coordinates', () => {
    const p = ok(plan(spec({ axes: { x: MODELS3, y: steps(4, 6, 8) } })))
    expect(p.cells).toHaveLength(9)
    expect(p.cells.map((c) => [c.x, c.y, c.model, c.params.num_inference_steps])).toEqual([
      [0, 0, 'ernie-image-turbo', 4],
      [1, 0, 'ernie-image', 4],
      [2, 0, 'z-image-turbo', 4],
      [0, 1, 'ernie-image-turbo', 6],
      [1, 1, 'ernie-image', 6],
      [2, 1, 'z-image-turbo', 6],
      [0, 2, 'ernie-image-turbo', 8],
      [1, 2, 'ernie-image', 8],
      [2, 2, 'z-image-turbo', 8],
    ])
    expect(p.cells.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
  })

  it('fills each model its own defaults for parameters nobody set', () => {
    const p = ok(plan(spec({ axes: { x: MODELS3 } })))
    expect(p.cells.map((c) => c.params.num_inference_steps)).toEqual([8, 50, 8])
    expect(p.cells.map((c) => c.params.num_images)).toEqual([1, 1, 1])
  })

  it('marks a shared parameter a model lacks as n/a and does not send it', () => {
    const p = ok(plan(spec({ params: { prompt: 'x', guidance_scale: 5, negative_prompt: 'blur' }, axes: { x: MODELS3 } })))
    const [turbo, ernie, zimage] = p.cells
    expect(turbo!.na).toEqual([])
    expect(ernie!.params.guidance_scale).toBe(5)
    expect(zimage!.na).toEqual(['guidance_scale', 'negative_prompt'])
    expect(zimage!.params).not.toHaveProperty('guidance_scale')
    expect(zimage!.params).not.toHaveProperty('negative_prompt')
  })

  it('marks an axis a model lacks as n/a, and sends the repeated request once', () => {
    const guidance = { param: 'guidance_scale' as const, values: [3, 7] }
    const p = ok(plan(spec({ axes: { x: MODELS3, y: guidance } })))
    const zimage = p.cells.filter((c) => c.model === 'z-image-turbo')
    expect(zimage.map((c) => c.na)).toEqual([['guidance_scale'], ['guidance_scale']])
    expect(zimage.map((c) => c.sameAs)).toEqual([null, 2])
    expect(p.estimate.images).toBe(5)
  })

  it('uses one shared seed for every cell, chosen once', () => {
    const pick = vi.fn(() => 987654)
    const resolved = withSharedSeed({ ...spec(), seed: undefined, axes: { x: MODELS3, y: steps(4, 6) } }, pick)
    const p = ok(plan(resolved))
    expect(pick).toHaveBeenCalledTimes(1)
    expect(new Set(p.cells.map((c) => c.params.seed))).toEqual(new Set([987654]))
    expect(withSharedSeed(spec({ seed: 5 }), pick).seed).toBe(5)
    expect(pick).toHaveBeenCalledTimes(1)
  })

  it('varies the seed only when seed is an axis', () => {
    const p = ok(plan(spec({ axes: { x: { param: 'seed', values: [1, 2, 3] } } })))
    expect(p.cells.map((c) => c.params.seed)).toEqual([1, 2, 3])
  })

  it('replaces the first value in the prompt for prompt search/replace', () => {
    const sr = { param: 'prompt_sr' as const, values: ['fox', 'heron', 'owl'] }
    const p = ok(plan(spec({ params: { prompt: 'a fox in snow, fox tracks' }, axes: { y: sr } })))
    expect(p.cells.map((c) => c.params.prompt)).toEqual(['a fox in snow, fox tracks', 'a heron in snow, heron tracks', 'a owl in snow, owl tracks'])
    const missing = plan(spec({ params: { prompt: 'a cat' }, axes: { y: sr } }))
    expect(missing.ok || missing.message).toBe('Prompt S/R: the prompt does not contain "fox" (the first value is what gets replaced)')
  })

  it('takes prompts from a prompt axis, with no base prompt needed', () => {
    const p = ok(plan(spec({ params: {}, axes: { x: { param: 'prompt', values: ['a fox', 'a heron'] } } })))
    expect(p.cells.map((c) => c.params.prompt)).toEqual(['a fox', 'a heron'])
    const none = plan(spec({ params: {} }))
    expect(none.ok || none.errors).toEqual(['Prompt is required'])
  })

  it('marks cells out of range for their model, runs the rest, and says so next to the axis', () => {
    const p = ok(plan(spec({ axes: { x: MODELS3, y: steps(4, 8, 30) } })))
    const skipped = p.cells.filter((c) => c.outOfRange !== null)
    // ERNIE Image Turbo stops at 20 steps and Z-Image Turbo at 8; ERNIE Image takes 30.
    expect(skipped.map((c) => [c.model, c.params.num_inference_steps])).toEqual([
      ['ernie-image-turbo', 30],
      ['z-image-turbo', 30],
    ])
    expect(skipped[1]!.outOfRange).toBe('Z-Image Turbo: Steps must be between 1 and 8')
    expect(skipped.every((c) => c.sameAs === null)).toBe(true)
    expect(p.outOfRange.y).toMatch(/^2 cells are out of range for the model and will not be sent: /)
    expect(p.outOfRange.x).toBeUndefined()
    // Seven requests are sent and billed; the two skipped cells cost nothing.
    expect(p.estimate.images).toBe(7)
    const runnable = ok(plan(spec({ axes: { x: MODELS3, y: steps(4, 8) } })))
    expect(p.estimate.knownUsd).toBe(runnable.estimate.knownUsd)
  })

  it("clamps out-of-range axis values to the model's range when asked, and says which next to the axis", () => {
    const p = ok(plan(spec({ axes: { x: MODELS3, y: steps(4, 8, 30) }, outOfRange: 'clamp' })))
    expect(p.cells.every((c) => c.outOfRange === null)).toBe(true)
    const last = p.cells.slice(-3).map((c) => [c.model, c.params.num_inference_steps, c.sameAs])
    // Turbo's 30 becomes 20 (a new request); Z-Image's 30 becomes 8, the same request as its 8-step cell.
    expect(last).toEqual([
      ['ernie-image-turbo', 20, null],
      ['ernie-image', 30, null],
      ['z-image-turbo', 8, 5],
    ])
    expect(p.clamped.y).toBe("2 cells are clamped to the model's range: ERNIE Image Turbo: Steps 30 → 20 · Z-Image Turbo: Steps 30 → 8")
    expect(p.outOfRange).toEqual({})
    expect(p.estimate.images).toBe(8)
    expect(clampedValues(spec({ axes: { x: MODELS3, y: steps(4, 8, 30) } }), p.cells[6]!)).toEqual(['Steps 30 → 20'])
    expect(clampedValues(spec({ axes: { x: MODELS3, y: steps(4, 8, 30) } }), p.cells[7]!)).toEqual([])
  })

  it('refuses when every cell is out of range, with the reason on the axis', () => {
    const p = plan(spec({ model: 'z-image-turbo', axes: { x: steps(9, 10, 11) } }))
    expect(p.ok || p.message).toBe('cell (X: steps 9): Steps must be between 1 and 8 (and 2 more)')
    expect(p.ok || p.fields.x).toMatch(/^Nothing would run: every cell is out of range\. 3 cells are out of range/)
  })

  it('still refuses a shared parameter a model rejects: that is not the axis', () => {
    const p = plan(spec({ params: { prompt: 'x', num_inference_steps: 30 }, axes: { x: MODELS3 } }))
    expect(p.ok).toBe(false)
    expect(p.ok || p.fields.cells).toBe('cell (X: ERNIE Image Turbo): Steps must be between 1 and 20')
  })

  it('refuses parameters that cannot be shared and axes used twice', () => {
    const bad = (s: ComparisonSpec & { seed: number }) => {
      const p = plan(s)
      return p.ok ? [] : p.errors
    }
    expect(bad(spec({ params: { prompt: 'x', seed: 3 } }))).toEqual(['Seed: set the shared seed with "seed", or make seed an axis'])
    expect(bad(spec({ params: { prompt: 'x', num_images: 2 } }))).toEqual(['"num_images" cannot be a shared parameter'])
    expect(bad(spec({ axes: { x: steps(4), y: steps(6) } }))).toEqual(['X: Steps is on more than one axis', 'Y: Steps is on more than one axis'])
    expect(bad(spec({ axes: { x: { param: 'model', values: ['dall-e'] } } }))[0]).toMatch(/^X: "dall-e" is not a model/)
  })

  it('refuses a comparison over the size cap before checking any cell', () => {
    const big = spec({ axes: { x: steps(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), y: { param: 'seed', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] } } })
    expect(cellCount(big)).toBe(110)
    const p = plan(big, 100)
    expect(p.ok || p.message).toBe('This comparison has 110 cells; the limit is 100 images per comparison. Remove values or an axis.')
    expect(plan(big, 110).ok).toBe(true)
  })
})

describe('cost estimate', () => {
  it('adds known prices and counts unknown ones apart', () => {
    const p = ok(plan(spec({ axes: { x: MODELS3, y: steps(4, 6, 8) } })))
    expect(p.estimate).toEqual({ images: 9, knownUsd: 0.024, unknownImages: 6 })
  })

  it('is exact for a model with a price and zero-unknown', () => {
    const p = ok(plan(spec({ model: 'z-image-turbo', axes: { x: steps(1, 2, 3, 4, 5, 6, 7, 8) } })))
    expect(p.estimate).toEqual({ images: 8, knownUsd: 0.064, unknownImages: 0 })
  })

  it('is all unknown for ERNIE alone', () => {
    const p = ok(plan(spec({ axes: { x: steps(4, 8) } })))
    expect(p.estimate).toEqual({ images: 2, knownUsd: 0, unknownImages: 2 })
  })
})
