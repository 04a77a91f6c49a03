// AccessStore's and PresetStore's contracts: sessions by token hash, presets and prompt lists by name.
import { describe, expect, it } from 'vitest'
import type { PresetRow } from '../../../../server/db/stores'
import type { DataFactory } from './fixtures'

const preset = (id: string, name: string, over: Partial<PresetRow> = {}): PresetRow => ({
  id,
  name,
  model: 'z-image-turbo',
  params: { num_inference_steps: 8, image_size: { width: 512, height: 768 } },
  prefix: '',
  suffix: ', film grain',
  createdAt: 1,
  ...over,
})

export function accessStoreContract(open: DataFactory) {
  describe('AccessStore', () => {
    it('finds, expires and ends sessions', async () => {
      const data = await open()
      await data.access.insertSession({ tokenHash: 'a', createdAt: 1, expiresAt: 100, passwordTag: 'tag' })
      await data.access.insertSession({ tokenHash: 'b', createdAt: 1, expiresAt: 300, passwordTag: null })
      await data.access.insertSession({ tokenHash: 'c', createdAt: 1, expiresAt: 300, passwordTag: null })
      expect(await data.access.findSession('a')).toEqual({ tokenHash: 'a', createdAt: 1, expiresAt: 100, passwordTag: 'tag' })
      await data.access.deleteExpiredSessions(200)
      expect(await data.access.findSession('a')).toBeUndefined()
      await data.access.deleteSession('b')
      expect(await data.access.findSession('b')).toBeUndefined()
      expect(await data.access.deleteAllSessions()).toBe(1)
      expect(await data.access.findSession('c')).toBeUndefined()
    })
  })
}

export function presetStoreContract(open: DataFactory) {
  describe('PresetStore', () => {
    it('keeps presets by name, with their parameters as objects', async () => {
      const data = await open()
      await data.presets.insert(preset('p2', 'Portrait'))
      await data.presets.insert(preset('p1', 'Fast draft'))
      expect((await data.presets.list()).map((p) => p.name)).toEqual(['Fast draft', 'Portrait'])
      expect(await data.presets.named('Portrait')).toEqual(preset('p2', 'Portrait'))
      await expect(data.presets.insert(preset('p3', 'Portrait'))).rejects.toThrow()
      expect(await data.presets.rename('p2', 'Tall')).toEqual(preset('p2', 'Tall'))
      expect(await data.presets.rename('nope', 'x')).toBeUndefined()
      expect(await data.presets.remove('p1')).toBe(true)
      expect(await data.presets.remove('p1')).toBe(false)
    })

    it('saves and replaces prompt lists, and imports all or nothing', async () => {
      const data = await open()
      await data.presets.saveList({ name: 'colours', entries: ['red', 'blue'], updatedAt: 1 })
      await data.presets.saveList({ name: 'colours', entries: ['green'], updatedAt: 2 })
      expect(await data.presets.lists()).toEqual([{ name: 'colours', entries: ['green'], updatedAt: 2 }])
      await data.presets.insert(preset('p1', 'Portrait'))
      await data.presets.importLibrary(
        [preset('new-id', 'Portrait', { suffix: ', sharp' }), preset('p9', 'Landscape')],
        [{ name: 'animals', entries: ['fox'], updatedAt: 3 }],
      )
      expect(await data.presets.named('Portrait')).toMatchObject({ id: 'p1', suffix: ', sharp' })
      expect((await data.presets.list()).map((p) => p.name)).toEqual(['Landscape', 'Portrait'])
      expect((await data.presets.lists()).map((l) => l.name)).toEqual(['animals', 'colours'])
      expect(await data.presets.removeList('animals')).toBe(true)
      expect(await data.presets.removeList('animals')).toBe(false)
    })
  })
}
