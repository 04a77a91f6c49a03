// GalleryStore's and SearchStore's contracts: favourites, soft deletes and purge, collections, prompt
// history, and the gallery query language with keyset paging, the same on every database.
import { describe, expect, it } from 'vitest'
import { parseGalleryQuery } from '../../../../shared/gallery-query'
import type { Data } from '../../../../server/db/stores'
import { completedJob, type DataFactory } from './fixtures'

const DAY = 86_400_000
const start = Date.UTC(2026, 0, 10)

/** Twelve images: models, seeds, steps, sizes and prompts vary with i; one a day from Jan 10. */
export async function seedGallery(data: Data) {
  const models = ['z-image-turbo', 'ernie-image-turbo', 'ernie-image']
  for (let i = 0; i < 12; i++) {
    const prompt = `a ${['red', 'blue', 'green'][i % 3]} ${['fox', 'lighthouse'][i % 2]} in oil painting style ${i}`
    await completedJob(
      data,
      `j${String(i).padStart(2, '0')}`,
      1,
      {
        model: models[i % 3],
        prompt,
        params: { prompt, num_inference_steps: 4 + i, guidance_scale: 1 + (i % 4) },
        seed: i % 4 === 0 ? 42 : i,
        createdAt: start + i * DAY,
        comparisonId: i === 5 ? 'cmp' : null,
      },
      { seed: i % 4 === 0 ? 42 : i, steps: 4 + i, guidance: 1 + (i % 4), width: i % 2 ? 768 : 1024, height: i % 2 ? 1344 : 1024 },
    )
  }
}

export const page = async (data: Data, q: string, opts: { sort?: 'newest' | 'oldest'; limit?: number; after?: number } = {}) =>
  (await data.search.page(parseGalleryQuery(q).filter, { sort: opts.sort ?? 'newest', limit: opts.limit ?? 100, after: opts.after })).map((r) => r.id)

export function galleryStoreContract(open: DataFactory) {
  describe('SearchStore', () => {
    it('answers the gallery query language the same way on every database', async () => {
      const data = await open()
      await seedGallery(data)
      const ids = (...n: number[]) => n.map((i) => `j${String(i).padStart(2, '0')}-0`)
      expect(await page(data, '')).toEqual(ids(11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0))
      expect(await page(data, '', { sort: 'oldest', limit: 3 })).toEqual(ids(0, 1, 2))
      expect(await page(data, 'model:ernie-image')).toEqual(ids(11, 10, 8, 7, 5, 4, 2, 1))
      expect(await page(data, 'model:z-image-turbo')).toEqual(ids(9, 6, 3, 0))
      expect(await page(data, 'seed:42')).toEqual(ids(8, 4, 0))
      expect(await page(data, 'steps:>12')).toEqual(ids(11, 10, 9))
      expect(await page(data, 'guidance:2..3')).toEqual(ids(10, 9, 6, 5, 2, 1))
      expect(await page(data, 'size:768x1344')).toEqual(ids(11, 9, 7, 5, 3, 1))
      expect(await page(data, 'date:2026-01-12..2026-01-14')).toEqual(ids(4, 3, 2))
      expect(await page(data, 'lighthouse')).toEqual(ids(11, 9, 7, 5, 3, 1))
      expect(await page(data, 'light')).toEqual(ids(11, 9, 7, 5, 3, 1))
      expect(await page(data, '"oil painting"')).toHaveLength(12)
      expect(await page(data, '"painting oil"')).toEqual([])
      expect(await page(data, 'red fox')).toEqual(ids(6, 0))
      // Every Z-Image image is red (i % 3 === 0), and the words narrow a model walk as much as the other way round.
      expect(await page(data, 'model:z-image-turbo red')).toEqual(ids(9, 6, 3, 0))
      expect(await page(data, 'model:ernie-image-turbo fox')).toEqual(ids(10, 4))
      expect(await page(data, 'comparison:cmp')).toEqual(ids(5))
      expect(await page(data, 'comparison:none')).toHaveLength(11)
      expect(await page(data, 'collection:"nobody made this"')).toEqual([])
    })

    it('pages with a keyset cursor in both directions, and returns whole rows', async () => {
      const data = await open()
      await seedGallery(data)
      const first = await data.search.page(parseGalleryQuery('').filter, { sort: 'newest', limit: 5 })
      expect(first[0]).toMatchObject({
        id: 'j11-0',
        jobId: 'j11',
        index: 0,
        model: 'ernie-image',
        seed: 11,
        width: 768,
        height: 1344,
        favourite: false,
        comparisonId: null,
      })
      expect(first[0]!.params).toMatchObject({ num_inference_steps: 15 })
      expect(first[0]!.prompt).toContain('lighthouse')
      const next = await page(data, '', { limit: 5, after: first[4]!.seq })
      expect(next).toEqual(['j06-0', 'j05-0', 'j04-0', 'j03-0', 'j02-0'])
      const older = await data.search.page(parseGalleryQuery('').filter, { sort: 'oldest', limit: 2, after: first[4]!.seq })
      expect(older.map((r) => r.id)).toEqual(['j08-0', 'j09-0'])
    })

    it('counts matches exactly under the limit and leaves out deleted images', async () => {
      const data = await open()
      await seedGallery(data)
      expect(await data.search.total(parseGalleryQuery('lighthouse').filter)).toEqual({ count: 6, exact: true })
      await data.gallery.softDelete(['j11-0', 'j09-0'], 1)
      expect(await page(data, 'lighthouse')).toEqual(['j07-0', 'j05-0', 'j03-0', 'j01-0'])
      expect(await data.search.total(parseGalleryQuery('lighthouse').filter)).toEqual({ count: 4, exact: true })
    })
  })

  describe('GalleryStore', () => {
    it('favourites, deletes with undo, restores and purges', async () => {
      const data = await open()
      await seedGallery(data)
      expect(await data.gallery.setFavourite(['j00-0', 'j01-0', 'nope'], true)).toBe(2)
      expect(await page(data, 'fav')).toEqual(['j01-0', 'j00-0'])
      expect(await data.gallery.softDelete(['j00-0', 'j02-0'], 500)).toBe(2)
      expect(await data.gallery.softDelete(['j00-0'], 600)).toBe(0)
      expect(await data.gallery.setFavourite(['j00-0'], false)).toBe(0)
      expect(await data.gallery.restore(['j02-0', 'j03-0'])).toBe(1)
      expect(await data.gallery.expiredDeletes(499)).toEqual([])
      expect(await data.gallery.expiredDeletes(500)).toEqual([{ id: 'j00-0', fileName: 'j00-0.png', thumbName: 'j00-0.webp' }])
      expect(await data.gallery.purge(['j00-0'])).toBe(1)
      expect(await data.gallery.purge([])).toBe(0)
      expect(await data.jobs.getImage('j00-0')).toBeUndefined()
    })

    it('keeps collections by name, counting live images, and finds them in search', async () => {
      const data = await open()
      await seedGallery(data)
      await data.gallery.createCollection({ id: 'c1', name: 'Mood', createdAt: 1 })
      await data.gallery.createCollection({ id: 'c2', name: 'Arch', createdAt: 2 })
      await expect(data.gallery.createCollection({ id: 'c3', name: 'Mood', createdAt: 3 })).rejects.toThrow()
      expect(await data.gallery.addToCollection('c1', ['j01-0', 'j02-0', 'j03-0'], 5)).toBe(3)
      expect(await data.gallery.addToCollection('c1', ['j01-0', 'nope'], 6)).toBe(0)
      await data.gallery.softDelete(['j03-0'], 7)
      expect(await data.gallery.addToCollection('c2', ['j03-0'], 8)).toBe(0)
      expect(await data.gallery.listCollections()).toEqual([
        { id: 'c2', name: 'Arch', createdAt: 2, imageCount: 0 },
        { id: 'c1', name: 'Mood', createdAt: 1, imageCount: 2 },
      ])
      expect(await page(data, 'collection:Mood')).toEqual(['j02-0', 'j01-0'])
      expect(await page(data, 'collection:c1 lighthouse')).toEqual(['j01-0'])
      expect(await data.gallery.imageCollections('j01-0')).toEqual([{ id: 'c1', name: 'Mood' }])
      expect(await data.gallery.collectionNamed('Arch')).toEqual({ id: 'c2', name: 'Arch', createdAt: 2 })
      expect(await data.gallery.renameCollection('c2', 'Buildings')).toBe(1)
      expect(await data.gallery.removeFromCollection('c1', ['j01-0'])).toBe(1)
      expect(await data.gallery.deleteCollection('c1')).toBe(1)
      expect(await data.gallery.getCollection('c1')).toBeUndefined()
      expect((await data.gallery.jobOf('j02-0'))?.id).toBe('j02')
    })

    it('remembers prompts with their use counts and finds them literally', async () => {
      const data = await open()
      await data.gallery.recordPrompt('a 100% red fox', null, 'z-image-turbo', 1)
      await data.gallery.recordPrompt('a blue_whale', 'blurry', 'ernie-image', 2)
      await data.gallery.recordPrompt('a 100% red fox', 'dark', 'ernie-image', 3)
      expect(await data.gallery.prompts(undefined, 10)).toEqual([
        { prompt: 'a 100% red fox', negativePrompt: 'dark', model: 'ernie-image', uses: 2, lastUsedAt: 3 },
        { prompt: 'a blue_whale', negativePrompt: 'blurry', model: 'ernie-image', uses: 1, lastUsedAt: 2 },
      ])
      expect((await data.gallery.prompts('100%', 10)).map((p) => p.prompt)).toEqual(['a 100% red fox'])
      expect((await data.gallery.prompts('e_w', 10)).map((p) => p.prompt)).toEqual(['a blue_whale'])
      expect(await data.gallery.prompts('e%w', 10)).toEqual([])
    })
  })
}
