// Darkroom on PostgreSQL (DATABASE_URL) end to end: the real server and simulator over HTTP, jobs
// submitted through the API, their images in the gallery and found by search, and the data still
// there after a restart on the same database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { imagePageSchema, type Image } from '../../../shared/api'
import { createDatabase } from '../../support/postgres'
import { startStack, type Stack } from '../harness'

let stack: Stack
const made: Record<string, Image> = {}

beforeAll(async () => {
  stack = await startStack({ env: { DATABASE_URL: await createDatabase() } })
  const specs = [
    ['fox', 'z-image-turbo', { prompt: 'a red fox in fresh snow', seed: 42, num_inference_steps: 4 }],
    ['whale', 'ernie-image-turbo', { prompt: 'a blue whale under the ice', seed: 7, num_inference_steps: 12, guidance_scale: 3 }],
    ['panda', 'ernie-image', { prompt: 'a red panda eating bamboo', seed: 42, num_inference_steps: 60, guidance_scale: 6 }],
  ] as const
  const jobs = await Promise.all(specs.map(([, model, params]) => stack.createJob(model, params)))
  for (const [i, job] of jobs.entries()) {
    const done = await stack.settle(job.id)
    expect(done.status).toBe('completed')
    made[specs[i]![0]] = done.images[0]!
  }
}, 60_000)
afterAll(async () => {
  await stack?.close()
})

async function search(q: string) {
  const res = await stack.api(`/api/images?q=${encodeURIComponent(q)}`)
  expect(res.status).toBe(200)
  return imagePageSchema.parse(await res.json())
}
const names = (page: { items: Image[] }) => page.items.map((i) => Object.entries(made).find(([, m]) => m.id === i.id)?.[0])

describe('Darkroom on PostgreSQL', () => {
  it('shows the finished jobs’ images in the gallery, newest first', async () => {
    expect(names(await search('')).sort()).toEqual(['fox', 'panda', 'whale'])
    const image = await stack.api(made.fox!.url)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toMatch(/^image\//)
  })

  it('finds them by words, prefixes, phrases and filters', async () => {
    expect(names(await search('red')).sort()).toEqual(['fox', 'panda'])
    expect(names(await search('"red fox"'))).toEqual(['fox'])
    expect(names(await search('bamb'))).toEqual(['panda'])
    expect(names(await search('seed:42 red')).sort()).toEqual(['fox', 'panda'])
    expect(names(await search('giraffe'))).toEqual([])
  })

  it('keeps everything across a restart on the same database', async () => {
    await stack.restart()
    expect(names(await search('whale'))).toEqual(['whale'])
  })
})
