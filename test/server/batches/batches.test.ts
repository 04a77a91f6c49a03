// Batches over real HTTP against the simulator: the server expands the template itself, asks for a
// confirmation above the threshold, refuses a batch that does not fit the budget whole, and the
// gallery finds the images by the template or by the prompt each one was made from.
import { afterEach, describe, expect, it } from 'vitest'
import type { ImagePage, Job, JobList } from '../../../shared/api'
import type { Batch } from '../../../shared/batch'
import { startStack, type Stack } from '../harness'

let stack: Stack
afterEach(async () => {
  await stack?.close()
})

const batch = (json: unknown) => stack.api('/api/batches', { method: 'POST', json })
const jobs = async (): Promise<Job[]> => ((await (await stack.api('/api/jobs?limit=200')).json()) as JobList).items
const gallery = async (q: string): Promise<ImagePage> => (await stack.api(`/api/images?q=${encodeURIComponent(q)}&limit=200`)).json()

describe('a batch from a dynamic-prompt template', () => {
  it('makes one job per combination, each keeping the template and its own prompt, found in the gallery by either', async () => {
    stack = await startStack()
    const template = '{red|green|blue} fox in {snow|rain}'
    const res = await batch({ model: 'z-image-turbo', params: { prompt: template, num_inference_steps: 4 } })
    expect(res.status).toBe(201)
    const made: Batch = await res.json()
    expect(made).toMatchObject({ template, count: 6, images: 6, estimatedCostUsd: 0.048 })
    expect(made.jobs.map((j) => j.prompt).sort()).toEqual(
      ['blue fox in rain', 'blue fox in snow', 'green fox in rain', 'green fox in snow', 'red fox in rain', 'red fox in snow'].sort(),
    )
    expect(made.jobs.every((j) => j.promptTemplate === template && j.params.num_inference_steps === 4)).toBe(true)
    // Each job has its own seed, chosen by the server.
    expect(new Set(made.jobs.map((j) => j.seed)).size).toBe(6)

    await Promise.all(made.jobs.map((j) => stack.settle(j.id)))
    const byTemplate = await gallery('template:"{red|green|blue} fox"')
    expect(byTemplate.items).toHaveLength(6)
    expect(byTemplate.items.every((i) => i.promptTemplate === template)).toBe(true)
    const byPrompt = await gallery('"green fox in rain"')
    expect(byPrompt.items.map((i) => i.prompt)).toEqual(['green fox in rain'])
    expect(byPrompt.items[0]!.promptTemplate).toBe(template)
    // A single job is no batch: it has no template and a template filter does not find it.
    const single = await stack.createJob('z-image-turbo', { prompt: 'a red fox alone' })
    await stack.settle(single.id)
    expect((await gallery('template:fox')).items).toHaveLength(6)
  })

  it('draws N random prompts, the same ones for the same seed, and uses named lists from the server', async () => {
    stack = await startStack()
    expect((await stack.api('/api/prompt-lists/animal', { method: 'PUT', json: { entries: ['owl', 'hare', 'lynx'] } })).status).toBe(200)
    const body = { model: 'z-image-turbo', params: { prompt: 'a {small|large} __animal__' }, expand: { kind: 'random', count: 4, seed: 7 } }
    const first: Batch = await (await batch(body)).json()
    const second: Batch = await (await batch(body)).json()
    expect(first.count).toBe(4)
    expect(first.jobs.map((j) => j.prompt)).toEqual(second.jobs.map((j) => j.prompt))
    expect(first.jobs.every((j) => /^a (small|large) (owl|hare|lynx)$/.test(j.prompt))).toBe(true)
  })

  it('refuses a malformed template naming the position, and creates nothing', async () => {
    stack = await startStack()
    const res = await batch({ model: 'z-image-turbo', params: { prompt: 'a {red|green fox' } })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error.fields.prompt).toMatch(/at character \d+/)
    expect(await jobs()).toEqual([])
  })

  it('refuses an unknown list, too many prompts, and bad parameters in any prompt, creating nothing', async () => {
    stack = await startStack()
    const unknown = await batch({ model: 'z-image-turbo', params: { prompt: 'a __nothing__' } })
    expect(unknown.status).toBe(400)
    expect((await unknown.json()).error.fields.prompt).toMatch(/nothing/)

    const huge = await batch({ model: 'z-image-turbo', params: { prompt: '{1-40} {1-40}' }, confirm: true })
    expect(huge.status).toBe(400)
    expect((await huge.json()).error.fields.prompt).toMatch(/1,600 prompts; at most 1000/)

    const steps = await batch({ model: 'z-image-turbo', params: { prompt: '{a|b} fox', num_inference_steps: 30 } })
    expect(steps.status).toBe(400)
    const body = await steps.json()
    expect(body.error.fields.num_inference_steps).toMatch(/between 1 and 8/)

    const count = await batch({ model: 'z-image-turbo', params: { prompt: '{a|b}' }, expand: { kind: 'random', count: 5000 } })
    expect(count.status).toBe(400)
    expect((await count.json()).error.fields['expand.count']).toMatch(/between 1 and 1000/)
    expect(await jobs()).toEqual([])
  })

  it('asks for a confirmation above the threshold, counting images, not prompts', async () => {
    stack = await startStack({ env: { COMPARE_CONFIRM_IMAGES: '8' } })
    expect(await (await stack.api('/api/batches/limits')).json()).toEqual({ maxPrompts: 1000, confirmImages: 8 })
    const body = { model: 'z-image-turbo', params: { prompt: '{a|b|c} fox', num_images: 3 } }
    const unconfirmed = await batch(body)
    expect(unconfirmed.status).toBe(400)
    expect((await unconfirmed.json()).error.fields.confirm).toMatch(/3 prompts, 9 images, more than 8/)
    expect(await jobs()).toEqual([])
    const confirmed = await batch({ ...body, confirm: true })
    expect(confirmed.status).toBe(201)
    expect((await confirmed.json()).images).toBe(9)
  })

  it('refuses the whole batch when it does not fit the budget, with the figures, though some of it would', async () => {
    // $0.05 a day fits six Z-Image Turbo images ($0.008 each), not eight.
    stack = await startStack({ env: { DAILY_BUDGET_USD: '0.05' } })
    const res = await batch({ model: 'z-image-turbo', params: { prompt: '{1-8} foxes' } })
    expect(res.status).toBe(403)
    expect((await res.json()).error.message).toMatch(
      /^Over the daily budget: \$0\.000 spent or reserved so far, this would add \$0\.064 \(\$0\.064 in all\), and the budget is \$0\.050\./,
    )
    expect(await jobs()).toEqual([])
    expect((await batch({ model: 'z-image-turbo', params: { prompt: '{1-6} foxes' } })).status).toBe(201)
  })
})

describe('a batch from a file', () => {
  it('makes one job per CSV row with its own parameters on top of the form, without a template', async () => {
    stack = await startStack()
    const text = 'prompt,num_inference_steps,seed\n"a fox, in snow",6,11\nan owl,,12\n'
    const res = await batch({ model: 'z-image-turbo', params: { prompt: '', num_inference_steps: 3 }, expand: { kind: 'file', format: 'csv', text } })
    expect(res.status).toBe(201)
    const made: Batch = await res.json()
    expect(made).toMatchObject({ template: null, count: 2, images: 2, estimatedCostUsd: 0.016 })
    expect(made.jobs.map((j) => [j.prompt, j.params.num_inference_steps, j.seed, j.promptTemplate])).toEqual([
      ['a fox, in snow', 6, 11, null],
      ['an owl', 3, 12, null],
    ])
  })

  it('refuses a file with any bad row, naming each line, field and limit, and creates nothing', async () => {
    stack = await startStack()
    const text = '{"prompt":"a fox"}\n{"prompt":"an owl","num_inference_steps":30}\nnot json\n{"prompt":"a hare","colour":"red"}'
    const res = await batch({ model: 'z-image-turbo', params: {}, expand: { kind: 'file', format: 'jsonl', text } })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error.message).toBe('Nothing was sent; fix the file: Line 3, line: is not valid JSON')
    const second = await batch({
      model: 'z-image-turbo',
      params: {},
      expand: { kind: 'file', format: 'jsonl', text: text.replace('not json\n', '') },
    })
    const fields = (await second.json()).error.fields
    expect(fields).toEqual({
      'line 2.num_inference_steps': 'Steps must be between 1 and 8',
      'line 3.colour': 'Z-Image Turbo has no parameter "colour"',
    })
    const format = await batch({ model: 'z-image-turbo', params: {}, expand: { kind: 'file', format: 'xlsx', text: 'a' } })
    expect((await format.json()).error.fields['expand.format']).toMatch(/lines, csv, jsonl/)
    expect(await jobs()).toEqual([])
  })
})
