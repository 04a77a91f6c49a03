import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Preset } from '../../shared/presets'
import { startStack, type Stack } from './harness'

let stack: Stack
beforeAll(async () => {
  stack = await startStack()
})
afterAll(() => stack.close())

const post = (path: string, json: unknown, method = 'POST') => stack.api(path, { method, json })
const presets = async (): Promise<Preset[]> => (await (await stack.api('/api/presets')).json()).items

describe('presets', () => {
  it('starts with built-ins for every model, which cannot be renamed or deleted', async () => {
    const list = await presets()
    expect(list.filter((p) => p.builtIn).map((p) => p.model)).toEqual(expect.arrayContaining(['ernie-image', 'ernie-image-turbo', 'z-image-turbo']))
    expect(list.find((p) => p.name === 'ERNIE 1.0 · quality')?.params).toEqual({ num_inference_steps: 50, guidance_scale: 5 })
    const builtIn = list.find((p) => p.builtIn)!
    expect((await stack.api(`/api/presets/${encodeURIComponent(builtIn.id)}`, { method: 'DELETE' })).status).toBe(404)
  })

  it('saves a preset without the prompt or seed, survives a restart, renames and deletes it', async () => {
    const res = await post('/api/presets', {
      name: 'Moody wide',
      model: 'ernie-image',
      params: { prompt: 'not kept', seed: 5, num_inference_steps: 60, guidance_scale: 6.5, image_size: 'landscape_16_9' },
      suffix: ', moody, rain',
    })
    expect(res.status).toBe(201)
    const saved: Preset = await res.json()
    expect(saved).toMatchObject({ name: 'Moody wide', builtIn: false, prefix: '', suffix: ', moody, rain' })
    expect(saved.params).toEqual({ num_inference_steps: 60, guidance_scale: 6.5, image_size: 'landscape_16_9' })

    await stack.restart()
    expect((await presets()).find((p) => p.id === saved.id)).toEqual(saved)

    const renamed = await post(`/api/presets/${saved.id}`, { name: 'Moody 16:9' }, 'PATCH')
    expect(renamed.status).toBe(200)
    expect((await presets()).map((p) => p.name)).toContain('Moody 16:9')
    expect((await stack.api(`/api/presets/${saved.id}`, { method: 'DELETE' })).status).toBe(204)
    expect((await presets()).some((p) => p.id === saved.id)).toBe(false)
  })

  it('refuses parameters outside the model, naming the field and the limit, and saves nothing', async () => {
    const before = await presets()
    const res = await post('/api/presets', { name: 'Too many steps', model: 'z-image-turbo', params: { num_inference_steps: 30 } })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error.fields['params.num_inference_steps']).toMatch(/between 1 and 8/)
    expect(await presets()).toEqual(before)
  })

  it('refuses a name already used, by a saved or a built-in preset', async () => {
    expect((await post('/api/presets', { name: 'Twice', model: 'z-image-turbo', params: {} })).status).toBe(201)
    const again = await post('/api/presets', { name: 'Twice', model: 'ernie-image', params: {} })
    expect(again.status).toBe(409)
    expect((await again.json()).error.message).toMatch(/"Twice" already exists/)
    expect((await post('/api/presets', { name: 'ERNIE 1.0 · quality', model: 'ernie-image', params: {} })).status).toBe(409)
  })
})

describe('named prompt lists', () => {
  it('are saved, replaced and deleted by name', async () => {
    expect((await post('/api/prompt-lists/animals', { entries: ['fox', 'owl'] }, 'PUT')).status).toBe(200)
    expect((await post('/api/prompt-lists/animals', { entries: ['fox', 'owl', 'hare'] }, 'PUT')).status).toBe(200)
    const lists = (await (await stack.api('/api/prompt-lists')).json()).items
    expect(lists).toEqual([expect.objectContaining({ name: 'animals', entries: ['fox', 'owl', 'hare'] })])
    expect((await stack.api('/api/prompt-lists/animals', { method: 'DELETE' })).status).toBe(204)
    expect((await stack.api('/api/prompt-lists/animals', { method: 'DELETE' })).status).toBe(404)
  })

  it('refuses names the grammar cannot write and empty entries', async () => {
    const bad = await post('/api/prompt-lists/two words', { entries: ['x'] }, 'PUT')
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.fields.name).toMatch(/letters, digits/)
    const empty = await post('/api/prompt-lists/ok', { entries: ['x', ' '] }, 'PUT')
    expect(empty.status).toBe(400)
    expect((await empty.json()).error.fields['entries.1']).toMatch(/empty/)
  })
})

describe('library export and import', () => {
  it('round-trips presets and lists into another install', async () => {
    await post('/api/presets', { name: 'Export me', model: 'ernie-image-turbo', params: { num_inference_steps: 12 }, prefix: 'ink drawing of ' })
    await post('/api/prompt-lists/colours', { entries: ['red', 'teal'] }, 'PUT')
    const file = await (await stack.api('/api/presets/export')).json()
    expect(file).toMatchObject({ darkroom: 'library', version: 1, lists: { colours: ['red', 'teal'] } })

    const other = await startStack()
    try {
      const res = await other.api('/api/presets/import', { method: 'POST', json: file })
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ presets: file.presets.length, lists: 1 })
      const imported = (await (await other.api('/api/presets')).json()).items as Preset[]
      expect(imported.find((p) => p.name === 'Export me')).toMatchObject({ prefix: 'ink drawing of ', params: { num_inference_steps: 12 } })
      // Importing twice replaces by name instead of duplicating.
      await other.api('/api/presets/import', { method: 'POST', json: file })
      expect(((await (await other.api('/api/presets')).json()).items as Preset[]).filter((p) => p.name === 'Export me')).toHaveLength(1)
    } finally {
      await other.close()
    }
  })

  it('refuses a file with a bad preset, naming it, and imports nothing', async () => {
    const res = await post('/api/presets/import', {
      darkroom: 'library',
      version: 1,
      presets: [
        { name: 'Fine', model: 'z-image-turbo', params: {} },
        { name: 'Bad', model: 'z-image-turbo', params: { num_images: 9 } },
      ],
      lists: { shapes: ['circle'] },
    })
    expect(res.status).toBe(400)
    expect(Object.keys((await res.json()).error.fields)).toEqual(['presets.1.params.num_images'])
    expect((await presets()).some((p) => p.name === 'Fine')).toBe(false)
    expect((await (await stack.api('/api/prompt-lists')).json()).items.some((l: { name: string }) => l.name === 'shapes')).toBe(false)
  })
})
