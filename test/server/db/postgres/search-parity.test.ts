// Prompt search on PostgreSQL finds exactly what FTS5 finds on SQLite for the same words: the same
// prompts go into a real PostgreSQL (through the Postgres stores) and a real FTS5 table configured as
// Darkroom's, and every query is asked of both.
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseGalleryQuery } from '../../../../shared/gallery-query'
import { openPostgres } from '../../../../server/db/postgres'
import type { Data } from '../../../../server/db/stores'
import { ftsQuery } from '../../../../server/db/sqlite/fts-query'
import { createDatabase } from '../../../support/postgres'

const PROMPTS = [
  'A red fox jumps over the lazy dog',
  'Café au lait, crème brûlée',
  'foo-bar baz',
  'snake_case words and CamelCase',
  'x1 abc123 3.14 v2.0',
  '猫の絵 cat',
  'Ærø øre straße',
  'hello!!! world',
  'red-haired fox in the snow',
  'a FOXGLOVE meadow at dawn',
  'naïve portrait, oil on canvas',
  'dawn over the bay',
]

let data: Data
let fts: Database.Database
const seqOf = new Map<string, number>()

beforeAll(async () => {
  data = await openPostgres(await createDatabase())
  fts = new Database(':memory:')
  fts.exec(
    `create virtual table f using fts5(prompt, content = '', contentless_delete = 1, prefix = '2 3', tokenize = 'unicode61 remove_diacritics 2')`,
  )
  const now = Date.now()
  for (const [i, prompt] of PROMPTS.entries()) {
    const id = `job-${i}`
    await data.jobs.insertJob({ id, model: 'm', prompt, params: { prompt }, status: 'downloading', createdAt: now + i, updatedAt: now + i })
    const image = {
      id: `img-${i}`,
      jobId: id,
      model: 'm',
      index: 0,
      fileName: 'f',
      thumbName: 't',
      mimeType: 'image/png',
      width: 8,
      height: 8,
      bytes: 1,
      createdAt: now + i,
    }
    expect(await data.jobs.completeJob(id, [image], {})).toBe(true)
    const [stored] = await data.jobs.imagesOfJobs([id])
    seqOf.set(prompt, stored!.seq!)
    fts.prepare('insert into f (rowid, prompt) values (?, ?)').run(stored!.seq, prompt)
  }
})

afterAll(async () => {
  await data?.close()
  fts?.close()
})

/** What each side finds for the gallery query `q`, in seq order. */
async function both(q: string) {
  const { filter } = parseGalleryQuery(q)
  const match = ftsQuery(filter.text)
  const expected = match
    ? (fts.prepare('select rowid from f where f match ? order by rowid').pluck().all(match) as number[])
    : [...seqOf.values()].sort((a, b) => a - b)
  const page = await data.search.page(filter, { sort: 'oldest', limit: 100 })
  return { expected, actual: page.map((r) => r.seq) }
}

describe('search on PostgreSQL', () => {
  it.each([
    'fox',
    'fo',
    'f',
    '"red fox"',
    '"fox red"',
    'red fox',
    'foo-bar',
    'foo-ba',
    'cafe',
    'CREME',
    'brulee',
    'snake',
    'case',
    'camel',
    '3',
    '14',
    '3.1',
    'v2.0',
    '猫',
    '猫の絵',
    'ærø',
    'aero',
    'straß',
    'strasse',
    'naive',
    '"hello world"',
    '!!!',
    'fox !!!',
    'dawn bay',
    '"over the"',
  ])('finds what FTS5 finds for %s', async (q) => {
    const { expected, actual } = await both(q)
    expect(actual).toEqual(expected)
  })

  it('agrees with FTS5 on random words and phrases cut from the prompts', async () => {
    const words = [...new Set(PROMPTS.flatMap((p) => p.split(/\s+/)))]
    const piece = fc.oneof(
      fc.constantFrom(...words).chain((w) => fc.integer({ min: 1, max: w.length }).map((n) => w.slice(0, n))),
      fc.constantFrom(...PROMPTS).chain((p) => {
        const parts = p.split(/\s+/)
        return fc.integer({ min: 0, max: parts.length - 2 }).map((i) => `"${parts.slice(i, i + 2).join(' ')}"`)
      }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 3 }), async (pieces) => {
        const { expected, actual } = await both(pieces.join(' '))
        expect(actual).toEqual(expected)
      }),
      { numRuns: 60 },
    )
  })

  it('pages newest first by seq with the keyset cursor, and counts the matches', async () => {
    const { filter } = parseGalleryQuery('fox')
    const first = await data.search.page(filter, { sort: 'newest', limit: 1 })
    const second = await data.search.page(filter, { sort: 'newest', limit: 5, after: first[0]!.seq })
    const all = [first[0]!.seq, ...second.map((r) => r.seq)]
    expect(all).toEqual([...all].sort((a, b) => b - a))
    expect(all).toEqual((await both('fox')).expected.reverse())
    expect(await data.search.total(filter)).toEqual({ count: all.length, exact: true })
    expect(first[0]).toMatchObject({
      prompt: 'a FOXGLOVE meadow at dawn',
      params: { prompt: 'a FOXGLOVE meadow at dawn' },
      favourite: false,
      model: 'm',
    })
  })
})
