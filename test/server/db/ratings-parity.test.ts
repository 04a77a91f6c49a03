// rating: and tag: give the same pages on SQLite and PostgreSQL, and the pages a by-hand filter of the
// stored rows gives (docs/decisions/027): the same images, ratings and tags go into a real SQLite file and
// a real PostgreSQL, and random combinations with words, favourites and keyset paging are asked of all three.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatGalleryQuery, parseGalleryQuery, type GalleryFilter, type NumberFilter } from '../../../shared/gallery-query'
import { openPostgres } from '../../../server/db/postgres'
import { openSqlite } from '../../../server/db/sqlite'
import type { Data } from '../../../server/db/stores'
import { createDatabase } from '../../support/postgres'

const TAGS = ['hero', 'sky', 'b-side', 'golden hour']
const WORDS = ['fox', 'lighthouse', 'forest']
type Stored = { id: string; word: string; rating: number | null; tags: string[]; favourite: boolean; deleted: boolean }

const dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-ratings-parity-'))
let sqlite: Data
let postgres: Data
const stored: Stored[] = []

beforeAll(async () => {
  sqlite = openSqlite(path.join(dir, 'parity.db'))
  postgres = await openPostgres(await createDatabase())
  for (let i = 0; i < 30; i++) {
    const row: Stored = {
      id: `img-${String(i).padStart(2, '0')}`,
      word: WORDS[i % 3]!,
      rating: i % 6 === 0 ? null : (i % 5) + 1,
      tags: TAGS.filter((_, t) => (i >> t) % 2 === 1),
      favourite: i % 4 === 0,
      deleted: i % 7 === 3,
    }
    stored.push(row)
    for (const data of [sqlite, postgres]) {
      const id = `job-${i}`
      const prompt = `a ${row.word} at dusk`
      await data.jobs.insertJob({
        id,
        model: 'z-image-turbo',
        prompt,
        params: { prompt },
        status: 'downloading',
        createdAt: 1000 + i,
        updatedAt: 1000 + i,
      })
      const image = {
        id: row.id,
        jobId: id,
        index: 0,
        fileName: 'f',
        thumbName: 't',
        mimeType: 'image/png',
        width: 8,
        height: 8,
        bytes: 1,
        createdAt: 1000 + i,
      }
      expect(await data.jobs.completeJob(id, [{ ...image, model: 'z-image-turbo' }], {})).toBe(true)
      if (row.rating !== null) await data.gallery.setRating([row.id], row.rating)
      if (row.tags.length) await data.gallery.addTags([row.id], row.tags)
      if (row.favourite) await data.gallery.setFavourite([row.id], true)
      if (row.deleted) await data.gallery.softDelete([row.id], 5)
    }
  }
})

afterAll(async () => {
  await sqlite?.close()
  await postgres?.close()
  rmSync(dir, { recursive: true, force: true })
})

const matchesNumber = (v: number, f: NumberFilter) =>
  f.op === 'between'
    ? v >= f.min && v <= f.max
    : f.op === '='
      ? v === f.value
      : f.op === '>'
        ? v > f.value
        : f.op === '>='
          ? v >= f.value
          : f.op === '<'
            ? v < f.value
            : v <= f.value

/** The filter applied by hand to what was stored, newest first. */
function byHand(f: GalleryFilter): string[] {
  return stored
    .filter((r) => !r.deleted)
    .filter((r) => (f.rating === undefined ? true : f.rating === 'none' ? r.rating === null : r.rating !== null && matchesNumber(r.rating, f.rating)))
    .filter((r) => (f.tags ?? []).every((t) => r.tags.includes(t)))
    .filter((r) => !f.favourite || r.favourite)
    .filter((r) => f.text.every((w) => r.word.startsWith(w)))
    .map((r) => r.id)
    .reverse()
}

const star = fc.integer({ min: 1, max: 5 })
const rating = fc.oneof(
  fc.constant(undefined),
  fc.constant('none' as const),
  fc.record({ op: fc.constantFrom('=', '>', '>=', '<', '<=' as const), value: star }),
  fc.tuple(star, star).map(([a, b]) => ({ op: 'between' as const, min: Math.min(a, b), max: Math.max(a, b) })),
)
const filter = fc
  .record({
    rating,
    tags: fc.subarray(TAGS, { maxLength: 2 }),
    favourite: fc.boolean(),
    text: fc.subarray(WORDS, { maxLength: 1 }),
  })
  // Through the query text, as a person would type it.
  .map((f) =>
    formatGalleryQuery({ models: [], text: f.text, favourite: f.favourite || undefined, rating: f.rating, tags: f.tags.length ? f.tags : undefined }),
  )

async function allPages(data: Data, f: GalleryFilter, limit: number): Promise<string[]> {
  const ids: string[] = []
  let after: number | undefined
  for (;;) {
    const rows = await data.search.page(f, { sort: 'newest', limit, after })
    ids.push(...rows.map((r) => r.id))
    if (rows.length < limit) return ids
    after = rows[rows.length - 1]!.seq
  }
}

describe('rating: and tag: on both databases', () => {
  it('give what a by-hand filter gives, page by page, on SQLite and PostgreSQL alike', async () => {
    await fc.assert(
      fc.asyncProperty(filter, fc.integer({ min: 2, max: 7 }), async (q, limit) => {
        const { filter: f, errors } = parseGalleryQuery(q)
        expect(errors).toEqual([])
        const expected = byHand(f)
        expect(await allPages(sqlite, f, limit)).toEqual(expected)
        expect(await allPages(postgres, f, limit)).toEqual(expected)
        expect(await sqlite.search.total(f)).toEqual({ count: expected.length, exact: true })
        expect(await postgres.search.total(f)).toEqual({ count: expected.length, exact: true })
      }),
      { numRuns: 60 },
    )
  })
})
