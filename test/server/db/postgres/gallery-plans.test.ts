// PostgreSQL's twin of test/server/images/gallery-plans.test.ts: every gallery filter, alone and in
// the common combinations, walks an index in the order of its page and stops after one page — no
// sort of the matches, no sequential scan of images or a collection. The statements are the ones the
// search store sends (caught on their way to the pool) and explained as they were sent, on a gallery
// loaded by SQL and analysed in full (under 30,000 rows, so the statistics are the same every run).
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPostgres } from '../../../../server/db/postgres'
import { createContext } from '../../../../server/db/postgres/context'
import { createSearchStore } from '../../../../server/db/postgres/search-store'
import type { Data } from '../../../../server/db/stores'
import { parseGalleryQuery } from '../../../../shared/gallery-query'
import { GALLERY_SHAPES as SHAPES } from '../../../support/gallery-shapes'
import { createDatabase, recordingPool } from '../../../support/postgres'

const IMAGES = 20_000
const DAY = 86_400_000
const START = Date.UTC(2025, 0, 1)

let url = ''
let data: Data
let pool: pg.Pool
/** Every statement sent through `pool`, to be explained as it was sent. */
let sent: { text: string; values: unknown[] }[] = []

beforeAll(async () => {
  url = await createDatabase()
  data = await openPostgres(url)
  const recorded = recordingPool(url, { max: 2 })
  pool = recorded.pool
  sent = recorded.sent
  await pool.query(
    `insert into jobs (id, model, prompt, params, seed, status, comparison_id, created_at, updated_at)
     select 'j' || i, (array['z-image-turbo','ernie-image-turbo','ernie-image'])[i % 3 + 1],
       'a ' || (array['red','blue','green'])[i % 3 + 1] || ' ' || (array['fox','lighthouse','whale','owl','tram'])[i % 5 + 1] || ' w' || (i % 97),
       '{}', case when i % 100 = 0 then 42 else i % 700 end, 'completed', case when i % 200 = 0 then 'cmp' || (i % 7) end,
       $1::bigint + i * $2::bigint, $1::bigint + i * $2::bigint
     from generate_series(0, $3::int - 1) i`,
    [START, DAY / 10, IMAGES],
  )
  await pool.query(
    `insert into images (id, job_id, idx, file_name, thumb_name, mime_type, width, height, bytes, created_at, model, seed, steps, guidance, favourite, rating, seq)
     select j.id || '-0', j.id, 0, 'f', 't', 'image/png', case when i % 4 = 0 then 768 else 1024 end, case when i % 4 = 0 then 1344 else 1024 end, 1,
       j.created_at, j.model, j.seed, 4 + i % 30, 1 + i % 8, i % 40 = 0, case when i % 9 = 0 then 1 + i % 5 end, i + 1
     from generate_series(0, $1::int - 1) i join jobs j on j.id = 'j' || i`,
    [IMAGES],
  )
  await pool.query(`insert into collections (id, name, created_at) values ('c1', 'Mood board', 0), ('c2', 'Everything', 0), ('c3', 'Picks', 0)`)
  await pool.query(
    `insert into image_collections (collection_id, image_id, image_seq, added_at)
     select c, 'j' || i || '-0', i + 1, 0 from generate_series(0, $1::int - 1) i,
       unnest(array[case when i % 60 = 0 then 'c1' end, 'c2', case when i % 25 = 0 then 'c3' end]) c where c is not null`,
    [IMAGES],
  )
  await pool.query(
    `insert into image_tags (image_id, tag, image_seq) select 'j' || i || '-0', t, i + 1 from generate_series(0, $1::int - 1) i,
       unnest(array[case when i % 50 = 0 then 'hero' end, case when i % 70 = 0 then 'blue hour' end]) t where t is not null`,
    [IMAGES],
  )
  await pool.query('vacuum analyze')
})
afterAll(async () => {
  await pool?.end()
  await data?.close()
})

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] }
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)]

/** The plans of the statements one page (and, with `count`, its total, asked as the gallery asks: alongside) sent. */
async function plansOf(q: string, sort: 'newest' | 'oldest' = 'newest', count = false) {
  const store = createSearchStore(createContext(pool))
  const filter = parseGalleryQuery(q).filter
  const from = sent.length
  await Promise.all([store.page(filter, { sort, limit: 50, counted: count }), count && store.total(filter)])
  const plans: PlanNode[][] = []
  for (const { text, values } of sent.slice(from)) {
    if (!/^\s*(select|with) .* from /is.test(text) || !/ limit /i.test(text)) continue
    const res = await pool.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>({ text: `explain (format json) ${text}`, values })
    plans.push(nodes(res.rows[0]!['QUERY PLAN'][0]!.Plan))
  }
  return plans
}

const describePlan = (plan: PlanNode[]) =>
  plan.map((n) => [n['Node Type'], n['Index Name'] ?? n['Relation Name']].filter(Boolean).join(' ')).join(' > ')

/** The tables a gallery query must never read whole; `collections` (a few rows, looked up by id or name) may be. */
const BIG = /^(images|jobs|image_collections|image_tags)$/

describe('gallery query plans on PostgreSQL', () => {
  it.each(SHAPES)('%s: reads indexes, never a whole table or a hash of one', async (q) => {
    for (const sort of ['newest', 'oldest'] as const) {
      const plans = await plansOf(q, sort, sort === 'newest')
      expect(plans.length).toBeGreaterThan(0)
      for (const plan of plans) {
        const where = `${q} [${sort}]: ${describePlan(plan)}`
        expect(plan.filter((n) => n['Node Type'] === 'Seq Scan' && BIG.test(n['Relation Name'] ?? '')).map(() => where)).toEqual([])
        expect(plan.filter((n) => n['Node Type'] === 'Hash Join').map(() => where)).toEqual([])
      }
    }
  })

  it('walks the entries of a collection or a tag with words, and the index of a model with words', async () => {
    const walks = async (q: string) => (await plansOf(q, 'newest', true)).map((plan) => plan.map((n) => n['Index Name']).filter(Boolean))
    for (const plan of await walks('collection:"Mood board" lighthouse')) expect(plan).toContain('image_collections_seq_idx')
    for (const plan of await walks('tag:hero lighthouse')) expect(plan).toContain('image_tags_tag_seq_idx')
    for (const plan of await walks('model:ernie-image-turbo lighthouse')) expect(plan).toContain('images_model_seq_idx')
  })

  it("plans the app's queries without parallel workers or JIT compilation, which cost more than a page's walk", async () => {
    const { pool: app } = data.limitStore as { pool: pg.Pool }
    const setting = async (name: string) => (await app.query<Record<string, string>>(`show ${name}`)).rows[0]![name]
    expect(await setting('max_parallel_workers_per_gather')).toBe('0')
    expect(await setting('jit')).toBe('off')
  })

  it('walks a set once for a counted first page with words and its count, in order, without sorting it', async () => {
    for (const q of [
      'collection:"Mood board" lighthouse',
      'collection:Everything lighthouse',
      'tag:hero lighthouse',
      'tag:hero rating:>=4 lighthouse',
    ]) {
      const plans = await plansOf(q, 'newest', true)
      expect(plans.map(describePlan), q).toHaveLength(1)
      expect(describePlan(plans[0]!), q).toMatch(/Index (Only )?Scan (image_collections_seq_idx|image_tags_tag_seq_idx)/)
      expect(plans[0]!.filter((n) => n['Node Type'] === 'Sort').map(() => `${q}: ${describePlan(plans[0]!)}`)).toEqual([])
    }
  })

  it.each(SHAPES)('%s: a counted first page and its count, asked together, answer as they do apart', async (q) => {
    for (const countWindow of [1000, 40]) {
      const store = createSearchStore(createContext(pool), { countWindow })
      for (const limit of [61, 3]) {
        const apart = parseGalleryQuery(q).filter
        const expected = { rows: await store.page(apart, { sort: 'newest', limit }), total: await store.total(apart) }
        const together = parseGalleryQuery(q).filter
        const [rows, total] = await Promise.all([store.page(together, { sort: 'newest', limit, counted: true }), store.total(together)])
        expect({ rows, total }, `${q} (window ${countWindow}, limit ${limit})`).toEqual(expected)
      }
    }
  })
})
