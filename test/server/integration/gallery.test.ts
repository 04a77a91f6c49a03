// The gallery API: search and filters, favourites, collections, bulk actions with undo, zip
// downloads whose files carry their parameters, and a prompt history that outlives images.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { imagePageSchema, type Image } from '../../../shared/api'
import { collectionSchema, promptHistoryListSchema } from '../../../shared/gallery-api'
import { readEmbeddedParameters } from '../../../shared/image-metadata'
import { startStack, type Stack } from '../harness'

let stack: Stack
const made: Record<string, Image> = {}

beforeAll(async () => {
  stack = await startStack()
  const specs = [
    ['fox', 'z-image-turbo', { prompt: 'a red fox in fresh snow', seed: 42, num_inference_steps: 4 }],
    ['whale', 'ernie-image-turbo', { prompt: 'a blue whale under the ice', seed: 7, num_inference_steps: 12, guidance_scale: 3 }],
    ['panda', 'ernie-image', { prompt: 'a red panda eating bamboo', seed: 42, num_inference_steps: 60, guidance_scale: 6 }],
  ] as const
  for (const [key, model, params] of specs) made[key] = (await stack.settle((await stack.createJob(model, params)).id)).images[0]!
})
afterAll(async () => {
  await stack.close()
})

async function search(q: string, extra = '') {
  const res = await stack.api(`/api/images?q=${encodeURIComponent(q)}${extra}`)
  expect(res.status).toBe(200)
  return imagePageSchema.parse(await res.json())
}
const names = (page: { items: Image[] }) => page.items.map((i) => Object.entries(made).find(([, m]) => m.id === i.id)?.[0])
const post = (path: string, json: unknown) => stack.api(path, { method: 'POST', json })

describe('finding images', () => {
  it('searches prompts by words, prefixes and phrases', async () => {
    expect(names(await search('red'))).toEqual(['panda', 'fox'])
    expect(names(await search('"red fox"'))).toEqual(['fox'])
    expect(names(await search('bamb'))).toEqual(['panda'])
    expect(names(await search('giraffe'))).toEqual([])
  })

  it('filters by model, seed, steps and guidance, alone and together, newest or oldest first', async () => {
    expect(names(await search('model:ernie'))).toEqual(['panda', 'whale'])
    expect(names(await search('seed:42'))).toEqual(['panda', 'fox'])
    expect(names(await search('steps:>10 guidance:<=5'))).toEqual(['whale'])
    expect(names(await search('seed:42 red model:z-image'))).toEqual(['fox'])
    expect(names(await search('', '&sort=oldest'))).toEqual(['fox', 'whale', 'panda'])
    const today = new Date().toISOString().slice(0, 10)
    expect(names(await search(`date:${today}`))).toHaveLength(3)
    expect(names(await search('date:2001-01-01'))).toEqual([])
  })

  it('says which parts of a query it could not read, and applies the rest', async () => {
    const page = await search('colour:red fox')
    expect(page.queryErrors).toEqual([expect.stringMatching(/Unknown filter "colour:"/)])
    expect(names(page)).toEqual(['fox'])
  })
})

describe('organising', () => {
  it('favourites an image and finds it with fav', async () => {
    const res = await stack.api(`/api/images/${made.whale!.id}`, { method: 'PATCH', json: { favourite: true } })
    expect((await res.json()).favourite).toBe(true)
    expect(names(await search('fav'))).toEqual(['whale'])
  })

  it('keeps an image in several collections; renames and deletes them', async () => {
    const mood = collectionSchema.parse(await (await post('/api/collections', { name: 'Mood board' })).json())
    const reds = collectionSchema.parse(await (await post('/api/collections', { name: 'Reds' })).json())
    expect((await post('/api/collections', { name: 'Reds' })).status).toBe(409)
    await post('/api/images/bulk', { action: 'add-to-collection', collectionId: mood.id, ids: [made.fox!.id, made.whale!.id] })
    await post('/api/images/bulk', { action: 'add-to-collection', collectionId: reds.id, ids: [made.fox!.id, made.panda!.id] })
    expect(names(await search('collection:"Mood board"'))).toEqual(['whale', 'fox'])
    expect(names(await search(`collection:${reds.id}`))).toEqual(['panda', 'fox'])
    const detail = await (await stack.api(`/api/images/${made.fox!.id}`)).json()
    expect(detail.collections.map((c: { name: string }) => c.name)).toEqual(['Mood board', 'Reds'])

    await stack.api(`/api/collections/${reds.id}`, { method: 'PATCH', json: { name: 'Warm colours' } })
    const list = (await (await stack.api('/api/collections')).json()).items
    expect(list.map((c: { name: string; imageCount: number }) => [c.name, c.imageCount])).toEqual([
      ['Mood board', 2],
      ['Warm colours', 2],
    ])
    expect((await stack.api(`/api/collections/${reds.id}`, { method: 'DELETE' })).status).toBe(204)
    expect(names(await search(`collection:${reds.id}`))).toEqual([])
    expect((await post('/api/images/bulk', { action: 'add-to-collection', collectionId: reds.id, ids: [made.fox!.id] })).status).toBe(404)
  })

  it('bulk-deletes with undo', async () => {
    const del = await post('/api/images/bulk', { action: 'delete', ids: [made.fox!.id, made.panda!.id] })
    expect(await del.json()).toMatchObject({ affected: 2, undoUntil: expect.any(String) })
    expect(names(await search('red'))).toEqual([])
    expect(await (await post('/api/images/bulk', { action: 'restore', ids: [made.fox!.id, made.panda!.id] })).json()).toMatchObject({ affected: 2 })
    expect(names(await search('red'))).toEqual(['panda', 'fox'])
  })

  it('refuses bad bulk requests by name', async () => {
    expect((await post('/api/images/bulk', { action: 'shred', ids: ['x'] })).status).toBe(400)
    const tooMany = await post('/api/images/bulk', { action: 'favourite', ids: Array.from({ length: 1001 }, (_, i) => `id${i}`) })
    expect((await tooMany.json()).error.fields).toHaveProperty('ids')
  })
})

/** The stored entries of a zip: name → bytes (read from the central directory). */
function unzip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  const entries = buf.readUInt16LE(eocd + 10)
  let at = buf.readUInt32LE(eocd + 16)
  const out = new Map<string, Buffer>()
  for (let i = 0; i < entries; i++) {
    const size = buf.readUInt32LE(at + 20)
    const nameLen = buf.readUInt16LE(at + 28)
    const extra = buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32)
    const local = buf.readUInt32LE(at + 42)
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen)
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    out.set(name, buf.subarray(dataAt, dataAt + size))
    at += 46 + nameLen + extra
  }
  return out
}

describe('downloads and history', () => {
  it('streams a zip of the selection, each file carrying its parameters; the link works once', async () => {
    const ticket = await (await post('/api/images/zip', { ids: [made.fox!.id, made.whale!.id] })).json()
    expect(ticket).toMatchObject({ count: 2, url: expect.stringMatching(/^\/api\/downloads\/[\w-]+\.zip$/) })
    const res = await stack.api(ticket.url)
    expect(res.headers.get('content-type')).toBe('application/zip')
    const files = unzip(Buffer.from(await res.arrayBuffer()))
    expect([...files.keys()].sort()).toEqual(['darkroom-a-blue-whale-under-the-ice-7-0.jpg', 'darkroom-a-red-fox-in-fresh-snow-42-0.png'])
    expect(readEmbeddedParameters(files.get('darkroom-a-red-fox-in-fresh-snow-42-0.png')!)).toMatchObject({
      model: 'z-image-turbo',
      params: { seed: 42 },
    })
    expect((await stack.api(ticket.url)).status).toBe(404)
  })

  it('remembers prompts after their images are deleted, newest first, searchable', async () => {
    await post('/api/images/bulk', { action: 'delete', ids: [made.whale!.id] })
    const all = promptHistoryListSchema.parse(await (await stack.api('/api/prompts')).json())
    expect(all.items.map((p) => p.prompt)).toEqual(['a red panda eating bamboo', 'a blue whale under the ice', 'a red fox in fresh snow'])
    const found = promptHistoryListSchema.parse(await (await stack.api('/api/prompts?q=whale')).json())
    expect(found.items).toEqual([expect.objectContaining({ prompt: 'a blue whale under the ice', model: 'ernie-image-turbo', uses: 1 })])
    expect((await (await stack.api('/api/prompts?q=100%25')).json()).items).toEqual([])
  })
})
