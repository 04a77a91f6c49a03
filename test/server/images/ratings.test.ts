// Ratings, tags and query-wide bulk actions over HTTP against the real server and simulator
// (docs/decisions/027): bad input is refused naming the field and the limit with nothing changed,
// the query language finds what was rated and tagged, and downloads carry both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Image } from '../../../shared/api'
import { galleryPageSchema, imageDetailSchema, matchingCountSchema, queryBulkResultSchema } from '../../../shared/gallery-api'
import { readEmbeddedParameters } from '../../../shared/image-metadata'
import { startStack, type Stack } from '../harness'

let stack: Stack
const made: Record<string, Image> = {}

beforeAll(async () => {
  stack = await startStack()
  const prompts = {
    fox: 'a red fox in fresh snow',
    whale: 'a blue whale under the ice',
    panda: 'a red panda eating bamboo',
    owl: 'a grey owl at dusk',
  }
  for (const [key, prompt] of Object.entries(prompts))
    made[key] = (await stack.settle((await stack.createJob('z-image-turbo', { prompt, num_inference_steps: 4 })).id)).images[0]!
})
afterAll(async () => {
  await stack.close()
})

const names = (items: { id: string }[]) => items.map((i) => Object.entries(made).find(([, m]) => m.id === i.id)?.[0])
async function search(q: string) {
  const res = await stack.api(`/api/images?q=${encodeURIComponent(q)}`)
  expect(res.status).toBe(200)
  return names(galleryPageSchema.parse(await res.json()).items)
}
const detail = async (key: string) => imageDetailSchema.parse(await (await stack.api(`/api/images/${made[key]!.id}`)).json())
const patch = (key: string, json: unknown) => stack.api(`/api/images/${made[key]!.id}`, { method: 'PATCH', json })
const addTags = (key: string, tags: unknown) => stack.api(`/api/images/${made[key]!.id}/tags`, { method: 'POST', json: { tags } })
const post = (path: string, json: unknown) => stack.api(path, { method: 'POST', json })

describe('ratings', () => {
  it('rates one image, finds it with rating:, clears it with null, and refuses ratings outside 1–5', async () => {
    const res = await patch('fox', { rating: 5 })
    expect(res.status).toBe(200)
    expect(imageDetailSchema.parse(await res.json()).rating).toBe(5)
    await patch('whale', { rating: 3 })
    expect(await search('rating:>=4')).toEqual(['fox'])
    expect(await search('rating:<4')).toEqual(['whale'])
    expect(await search('rating:none')).toEqual(['owl', 'panda'])
    for (const rating of [0, 6, 2.5, '5']) {
      const bad = await patch('fox', { rating })
      expect(bad.status).toBe(400)
      expect((await bad.json()).error.fields.rating).toMatch(/rating must be a whole number from 1 to 5, or null/)
    }
    expect((await detail('fox')).rating).toBe(5)
    expect(imageDetailSchema.parse(await (await patch('whale', { rating: null })).json()).rating).toBeNull()
    expect((await patch('whale', {})).status).toBe(400)
  })
})

describe('tags', () => {
  it('adds tags trimmed and lower-cased, once each; removes them; finds them with tag:', async () => {
    const res = await addTags('panda', ['  Hero ', 'blue   hour', 'hero'])
    expect(res.status).toBe(200)
    expect(imageDetailSchema.parse(await res.json()).tags).toEqual(['blue hour', 'hero'])
    await addTags('owl', ['hero'])
    expect(await search('tag:hero')).toEqual(['owl', 'panda'])
    expect(await search('tag:"blue hour"')).toEqual(['panda'])
    const removed = await stack.api(`/api/images/${made.owl!.id}/tags/Hero`, { method: 'DELETE' })
    expect(imageDetailSchema.parse(await removed.json()).tags).toEqual([])
    expect(await search('tag:hero')).toEqual(['panda'])
  })

  it('refuses a bad tag naming the field and the limit, and changes nothing', async () => {
    const cases: [unknown, RegExp][] = [
      [['ok', 'no!way'], /letters a–z, digits, spaces, _ and -/],
      [['x'.repeat(41)], /at most 40 characters/],
      [['   '], /must not be empty/],
      [Array.from({ length: 21 }, (_, i) => `t${i}`), /at most 20 tags/],
      ['hero', /list/],
    ]
    for (const [tags, message] of cases) {
      const res = await addTags('whale', tags)
      expect(res.status).toBe(400)
      const body = await res.json()
      expect(Object.keys(body.error.fields).some((k) => k.startsWith('tags'))).toBe(true)
      expect(body.error.message).toMatch(message)
    }
    expect((await detail('whale')).tags).toEqual([])
  })

  it('keeps an image to 20 tags: a request that would pass it is refused whole', async () => {
    expect(
      (
        await addTags(
          'whale',
          Array.from({ length: 19 }, (_, i) => `t${i}`),
        )
      ).status,
    ).toBe(200)
    const res = await addTags('whale', ['one more', 'and another'])
    expect(res.status).toBe(400)
    expect((await res.json()).error.fields.tags).toMatch(/at most 20 tags/)
    expect((await detail('whale')).tags).toHaveLength(19)
    const bulk = await post('/api/images/bulk', { action: 'tag', tags: ['one more', 'and another'], ids: [made.fox!.id, made.whale!.id] })
    expect(bulk.status).toBe(400)
    expect((await detail('fox')).tags).toEqual([])
    expect(
      (await post('/api/images/bulk', { action: 'untag', tags: Array.from({ length: 19 }, (_, i) => `t${i}`), ids: [made.whale!.id] })).status,
    ).toBe(200)
    expect((await detail('whale')).tags).toEqual([])
  })
})

describe('actions on a whole query', () => {
  it('counts the matches first, then favourites, rates and tags every match on the server', async () => {
    const count = matchingCountSchema.parse(await (await stack.api('/api/images/matching?q=red')).json())
    expect(count).toEqual({ count: 2, overLimit: false, queryErrors: [] })
    const fav = queryBulkResultSchema.parse(await (await post('/api/images/bulk-query', { action: 'favourite', q: 'red' })).json())
    expect(fav).toEqual({ affected: 2, undoUntil: null, deletedIds: [] })
    expect(await search('fav')).toEqual(['panda', 'fox'])
    await post('/api/images/bulk-query', { action: 'rate', rating: 4, q: 'red' })
    await post('/api/images/bulk-query', { action: 'tag', tags: ['Warm'], q: 'rating:>=4' })
    expect(await search('tag:warm rating:4')).toEqual(['panda', 'fox'])
    await post('/api/images/bulk-query', { action: 'unfavourite', q: 'fav' })
    expect(await search('fav')).toEqual([])
  })

  it('deletes every match with undo: the deleted ids come back for restore', async () => {
    const res = queryBulkResultSchema.parse(await (await post('/api/images/bulk-query', { action: 'delete', q: 'tag:warm' })).json())
    expect(res.affected).toBe(2)
    expect(res.undoUntil).toEqual(expect.any(String))
    expect(names(res.deletedIds.map((id) => ({ id }))).sort()).toEqual(['fox', 'panda'])
    expect(await search('')).toEqual(['owl', 'whale'])
    await post('/api/images/bulk', { action: 'restore', ids: res.deletedIds })
    expect(await search('')).toEqual(['owl', 'panda', 'whale', 'fox'])
  })

  it('refuses a query it cannot read, naming q, and changes nothing', async () => {
    const res = await post('/api/images/bulk-query', { action: 'delete', q: 'colour:red' })
    expect(res.status).toBe(400)
    expect((await res.json()).error.fields.q).toMatch(/Unknown filter "colour:"/)
    const counted = matchingCountSchema.parse(await (await stack.api('/api/images/matching?q=rating:x')).json())
    expect(counted.queryErrors[0]).toMatch(/rating:x must be stars 1–5/)
    expect(await search('')).toHaveLength(4)
  })

  it('zips every match of a query', async () => {
    const ticket = await (await post('/api/images/zip', { q: 'tag:warm' })).json()
    expect(ticket).toMatchObject({ count: 2, url: expect.stringMatching(/\.zip$/) })
  })
})

describe('downloads', () => {
  it('carry the rating and tags in the file', async () => {
    const res = await stack.api(`/api/images/${made.panda!.id}/download`)
    const embedded = readEmbeddedParameters(new Uint8Array(await res.arrayBuffer()))
    expect(embedded).toMatchObject({ rating: 4, tags: ['blue hour', 'hero', 'warm'] })
  })
})
