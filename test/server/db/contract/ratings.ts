// Ratings and tags (docs/decisions/027): stored, read back, searched with rating: and tag: the same way
// on every database, and gone with the image when it is purged.
import { describe, expect, it } from 'vitest'
import { parseGalleryQuery } from '../../../../shared/gallery-query'
import type { DataFactory } from './fixtures'
import { page, seedGallery } from './gallery'

const ids = (...n: number[]) => n.map((i) => `j${String(i).padStart(2, '0')}-0`)

export function ratingStoreContract(open: DataFactory) {
  describe('GalleryStore ratings and tags', () => {
    it('rates live images, clears ratings, and returns the rating with each page row and image', async () => {
      const data = await open()
      await seedGallery(data)
      expect(await data.gallery.setRating(ids(1, 2, 3), 5)).toBe(3)
      expect(await data.gallery.setRating(ids(4), 4)).toBe(1)
      expect(await data.gallery.setRating(ids(5, 6), 2)).toBe(2)
      expect(await data.gallery.setRating(ids(3), null)).toBe(1)
      await data.gallery.softDelete(ids(7), 10)
      expect(await data.gallery.setRating([...ids(7), 'nope'], 5)).toBe(0)
      expect((await data.jobs.getImage('j01-0'))?.image.rating).toBe(5)
      expect((await data.jobs.getImage('j03-0'))?.image.rating).toBeNull()
      const rows = await data.search.page(parseGalleryQuery('').filter, { sort: 'newest', limit: 12 })
      expect(Object.fromEntries(rows.map((r) => [r.id, r.rating]))).toMatchObject({ 'j01-0': 5, 'j04-0': 4, 'j05-0': 2, 'j00-0': null })
    })

    it('keeps each tag once per image, removes tags, and lists them by image then tag', async () => {
      const data = await open()
      await seedGallery(data)
      expect(await data.gallery.addTags(ids(1, 2), ['hero', 'blue hour'])).toBe(4)
      expect(await data.gallery.addTags(ids(1), ['hero', 'b-side'])).toBe(1)
      await data.gallery.softDelete(ids(3), 10)
      expect(await data.gallery.addTags([...ids(3), 'nope'], ['hero'])).toBe(0)
      expect(await data.gallery.tagsOf(ids(2, 1, 3))).toEqual([
        { imageId: 'j01-0', tag: 'b-side' },
        { imageId: 'j01-0', tag: 'blue hour' },
        { imageId: 'j01-0', tag: 'hero' },
        { imageId: 'j02-0', tag: 'blue hour' },
        { imageId: 'j02-0', tag: 'hero' },
      ])
      expect(await data.gallery.removeTags(ids(1, 2), ['hero'])).toBe(2)
      expect(await data.gallery.tagsOf(ids(2))).toEqual([{ imageId: 'j02-0', tag: 'blue hour' }])
      expect(await data.gallery.tagsOf([])).toEqual([])
    })

    it('answers rating: and tag: the same way on every database, alone and with other filters', async () => {
      const data = await open()
      await seedGallery(data)
      await data.gallery.setRating(ids(1, 2, 9), 5)
      await data.gallery.setRating(ids(4, 10), 4)
      await data.gallery.setRating(ids(0, 6), 2)
      await data.gallery.addTags(ids(1, 4, 6, 11), ['hero'])
      await data.gallery.addTags(ids(4, 11), ['golden hour'])
      expect(await page(data, 'rating:5')).toEqual(ids(9, 2, 1))
      expect(await page(data, 'rating:>=4')).toEqual(ids(10, 9, 4, 2, 1))
      expect(await page(data, 'rating:<3')).toEqual(ids(6, 0))
      expect(await page(data, 'rating:2..4')).toEqual(ids(10, 6, 4, 0))
      expect(await page(data, 'rating:none')).toEqual(ids(11, 8, 7, 5, 3))
      expect(await page(data, 'tag:hero')).toEqual(ids(11, 6, 4, 1))
      expect(await page(data, 'tag:HERO')).toEqual(ids(11, 6, 4, 1))
      expect(await page(data, 'tag:hero tag:"golden hour"')).toEqual(ids(11, 4))
      expect(await page(data, 'tag:hero rating:>=4')).toEqual(ids(4, 1))
      expect(await page(data, 'tag:hero lighthouse')).toEqual(ids(11, 1))
      expect(await page(data, 'tag:hero model:ernie-image-turbo')).toEqual(ids(4, 1))
      expect(await page(data, 'tag:nobody')).toEqual([])
      // Keyset paging walks a tag in gallery order in both directions.
      const first = await data.search.page(parseGalleryQuery('tag:hero').filter, { sort: 'newest', limit: 2 })
      expect(await page(data, 'tag:hero', { after: first[1]!.seq })).toEqual(ids(4, 1))
      expect(await page(data, 'tag:hero', { sort: 'oldest', limit: 3 })).toEqual(ids(1, 4, 6))
      expect(await data.search.total(parseGalleryQuery('rating:>=4').filter)).toEqual({ count: 5, exact: true })
      expect(await data.search.total(parseGalleryQuery('tag:hero').filter)).toEqual({ count: 4, exact: true })
      // Deleted images leave every filter, and a purge takes their tags with them.
      await data.gallery.softDelete(ids(11), 10)
      expect(await page(data, 'tag:hero')).toEqual(ids(6, 4, 1))
      expect(await data.gallery.purge(ids(11))).toBe(1)
      expect(await data.gallery.tagsOf(ids(11))).toEqual([])
    })
  })
}
