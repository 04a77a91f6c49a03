import { describe, expect, it } from 'vitest'
import { formatGalleryQuery, parseGalleryQuery } from '../../shared/gallery-query'

describe('the gallery query language', () => {
  it('reads the example from the issue', () => {
    expect(parseGalleryQuery('model:z-image seed:42 steps:>8 "red fox"')).toEqual({
      filter: { text: ['red fox'], models: ['z-image-turbo'], seed: { op: '=', value: 42 }, steps: { op: '>', value: 8 } },
      errors: [],
    })
  })

  it('matches models by id or name prefix, ranges, sizes, dates, favourites, collections', () => {
    const { filter, errors } = parseGalleryQuery(
      'model:ernie guidance:3..7 size:1024x768 date:2026-11-01..2026-11-21 fav collection:"Mood board" comparison:abc lighthouse',
    )
    expect(errors).toEqual([])
    expect(filter).toEqual({
      text: ['lighthouse'],
      models: ['ernie-image-turbo', 'ernie-image'],
      guidance: { op: 'between', min: 3, max: 7 },
      width: { op: '=', value: 1024 },
      height: { op: '=', value: 768 },
      from: '2026-11-01',
      to: '2026-11-21',
      favourite: true,
      collection: 'Mood board',
      comparison: 'abc',
    })
  })

  it('reads template: with a quoted template, and writes it back the same', () => {
    const { filter, errors } = parseGalleryQuery('template:"{red|green} fox" snow')
    expect(errors).toEqual([])
    expect(filter).toEqual({ text: ['snow'], models: [], template: '{red|green} fox' })
    expect(formatGalleryQuery(filter)).toBe('template:"{red|green} fox" snow')
  })

  it('reads rating: as stars compared, ranged or none, and tag: normalised, and writes them back the same', () => {
    const { filter, errors } = parseGalleryQuery('rating:>=4 tag:Hero tag:"Golden  Hour" fox')
    expect(errors).toEqual([])
    expect(filter).toEqual({ text: ['fox'], models: [], rating: { op: '>=', value: 4 }, tags: ['hero', 'golden hour'] })
    expect(formatGalleryQuery(filter)).toBe('rating:>=4 tag:hero tag:"golden hour" fox')
    expect(parseGalleryQuery('rating:none').filter.rating).toBe('none')
    expect(parseGalleryQuery('rating:2..4').filter.rating).toEqual({ op: 'between', min: 2, max: 4 })
    expect(parseGalleryQuery('rating:lots').errors).toEqual([expect.stringMatching(/^rating:lots must be stars 1–5/)])
  })

  it('names what it cannot read, and keeps the rest', () => {
    const { filter, errors } = parseGalleryQuery('colour:red steps:lots model:dalle date:yesterday fox')
    expect(filter.text).toEqual(['fox'])
    expect(errors).toEqual([
      expect.stringMatching(/^Unknown filter "colour:"/),
      expect.stringMatching(/^steps:lots is not a number/),
      expect.stringMatching(/^model:dalle matches no model/),
      expect.stringMatching(/^date:yesterday must be a date/),
    ])
  })

  it('writes a filter back as the same query, so URLs round-trip', () => {
    for (const q of ['model:z-image-turbo steps:>=4 fav "red fox"', 'seed:1..9 date:2026-01-02 collection:"A B" cat', 'from:2026-01-01', '']) {
      const once = formatGalleryQuery(parseGalleryQuery(q).filter)
      expect(formatGalleryQuery(parseGalleryQuery(once).filter)).toBe(once)
    }
    expect(formatGalleryQuery(parseGalleryQuery('"red fox" model:z-image').filter)).toBe('model:z-image-turbo "red fox"')
  })
})
