// The gallery query language on PostgreSQL, giving the same pages as FTS5 does on SQLite
// (server/images/gallery-search.ts): words match images.search, the job's tsvector of the prompt's words
// as unicode61 sees them (copied to each image, migration 0008), through darkroom_query() (migration
// 0000). Keyset paging by the identity seq.
import { sql, type SQL } from 'drizzle-orm'
import type { GalleryTotal } from '../../../shared/gallery-api'
import { NO_COMPARISON, type GalleryFilter, type NumberFilter } from '../../../shared/gallery-query'
import type { GalleryRow, SearchStore } from '../stores'
import type { Context } from './context'

const DAY = 86_400_000
/** As on SQLite: pages count their matches up to this many; past it the total is an estimate. */
const EXACT_COUNT_LIMIT = 500
/** As on SQLite: a date's seq bounds are widened over this many neighbours (docs/decisions/013). */
const DATE_SLACK = 256
/** Word lists whose tsquery is kept (the longest kept is forgotten first). */
const TSQUERIES_KEPT = 1000

/** The user's words as ftsQuery() reads them: quotes dropped; a term with a space is a phrase, any other a prefix. */
export function searchTerms(text: string[]): { terms: string[]; prefixes: boolean[] } | null {
  const terms = text.map((t) => t.replace(/"/g, '').trim()).filter(Boolean)
  return terms.length ? { terms, prefixes: terms.map((t) => !/\s/.test(t)) } : null
}

/**
 * A count with words checks them on at most this many of the newest images that pass the other
 * filters: exact if that is all of them, else extrapolated over the rest of the range. Counting 501
 * matches of a word in 5% of prompts walked ~9,000 rows, 17 ms at 100k; a phrase 38 ms.
 */
export const COUNT_WINDOW = 1000

/** The walk through the images themselves, by seq. */
const walkImages = sql`i.seq`

/**
 * The image of a collection's or tag's entry, looked up one entry at a time (a lateral subquery with
 * a limit): as a join, the planner merged a big collection with the whole seq index (25k rows read
 * for 2,500 entries, 32 ms at 100k).
 */
const imageAt = (seq: SQL) => sql`(select * from images where seq = ${seq} limit 1) i`

/**
 * The query for a filter: its walk (`from`, in `order`, after `lead` when the walk has one: a column
 * equal on every row), the conditions, and the words' apart (the count reads them as a column).
 */
type Shape = { from: SQL; order: SQL; lead: SQL | null; where: SQL[]; words: SQL | null; bounds: { lo?: number; hi?: number } }

/** A counted first page and its count, from one walk. */
type Together = { rows: GalleryRow[]; counted: WordsCounted }

/** `order by` a shape's walk, newest or oldest first. */
const orderBy = ({ lead, order }: Shape, dir: 'asc' | 'desc') =>
  lead ? sql`${lead} ${sql.raw(dir)}, ${order} ${sql.raw(dir)}` : sql`${order} ${sql.raw(dir)}`

function numberCondition(col: SQL, f: NumberFilter): SQL {
  if (f.op === '=') return sql`${col} = ${f.value}`
  if (f.op === 'between') return sql`${col} between ${f.min} and ${f.max}`
  return sql`${col} ${sql.raw(f.op)} ${f.value}`
}

/**
 * The gallery's seq range, for an estimate's extrapolation: two index lookups, sent with a count
 * rather than in a round trip of its own. As `order by … limit 1`, not min()/max(), which took the
 * planner twice as long (0.26 → 0.11 ms).
 */
const RANGE = sql`(select seq from images where deleted_at is null order by seq limit 1) as lo,
  (select seq from images where deleted_at is null order by seq desc limit 1) as hi`

/** What a count's walk found: `n` matches; the gallery's seq range comes with it. */
type Counted = { n: number; lo: string; hi: string }
/** A count with words: how many of the window's entries it walked, and the seq of the last. */
type WordsCounted = Counted & { walked: number; floor: string | null }

const COLUMNS =
  sql.raw(`i.id, i.job_id as "jobId", i.comparison_id as "comparisonId", i.idx as "index", i.model, j.prompt, j.prompt_template as "promptTemplate", j.params, j.seed,
  i.width, i.height, i.bytes, i.mime_type as "mimeType", i.created_at as "createdAt", i.favourite, i.rating, i.seq`)

export function createSearchStore({ db }: Context, { countWindow = COUNT_WINDOW } = {}): SearchStore {
  /**
   * What a filter's query needs first, in one round trip: the words' tsquery (built once: as a
   * value, the planner needs no PL/pgSQL call per plan it weighs) and the seq range that holds a
   * date range. A collection's id is looked up in the query itself (a round trip of its own cost
   * collection pages ~0.9 ms p50 at 100k).
   */
  async function prelude(filter: GalleryFilter, words: ReturnType<typeof searchTerms>) {
    const from = filter.from ? Date.parse(`${filter.from}T00:00:00Z`) : null
    const to = filter.to ? Date.parse(`${filter.to}T00:00:00Z`) + DAY : null
    const columns: SQL[] = []
    const key = words && JSON.stringify(words)
    const known = key === null ? undefined : tsqueries.get(key)
    if (words && known === undefined)
      columns.push(sql`darkroom_query(${sql.param(words.terms)}::text[], ${sql.param(words.prefixes)}::boolean[])::text as tsquery`)
    if (from !== null)
      columns.push(sql`(select min(seq) from (select seq from images where created_at >= ${from} order by created_at limit ${DATE_SLACK}) s) as lo`)
    if (to !== null)
      columns.push(sql`(select max(seq) from (select seq from images where created_at < ${to} order by created_at desc limit ${DATE_SLACK}) s) as hi`)
    type Row = { tsquery?: string | null; lo?: number | null; hi?: number | null }
    const row: Row = columns.length ? (await db().execute<Row>(sql`select ${sql.join(columns, sql`, `)}`)).rows[0]! : {}
    const bounds = {
      ...(from !== null ? { lo: row.lo ?? Number.MAX_SAFE_INTEGER } : {}),
      ...(to !== null ? { hi: row.hi ?? 0 } : {}),
    }
    if (key !== null && known === undefined) remember(key, row.tsquery ?? null)
    return { tsquery: known ?? row.tsquery ?? undefined, bounds }
  }

  /**
   * darkroom_query() is IMMUTABLE, so its answer for a list of words is kept: a gallery asks for the
   * same words again and again (each page, each live update), and a word search then needs no round
   * trip before its page (0.5 ms at 100k).
   */
  const tsqueries = new Map<string, string | null>()
  function remember(key: string, tsquery: string | null) {
    if (tsqueries.size >= TSQUERIES_KEPT) tsqueries.delete(tsqueries.keys().next().value!)
    tsqueries.set(key, tsquery)
  }

  /**
   * A counted first page of a collection or a tag with words, and its count: one walk (together()),
   * started by the page and read by the count of the same request.
   */
  const walkedTogether = new WeakMap<GalleryFilter, Promise<Together | null>>()

  /**
   * A set with words: the page's walk and the count's are the same entries in the same order (the
   * count's stops after `countWindow`, the page's at its `limit`-th hit). Apart, on two connections,
   * a page of a 5% word walked ~1,200 entries and its count 1,000 of them again. Together they are
   * one CTE, which PostgreSQL evaluates only as far as its readers pull: the count's window or the
   * page's last hit, whichever is further. The page's images are looked up once more by seq (≤ `limit`).
   */
  async function together(filter: GalleryFilter, limit: number): Promise<Together | null> {
    const s = await shape(filter)
    if (!s?.words || s.order === walkImages) return null
    type Row = WordsCounted & { [K in keyof GalleryRow]: GalleryRow[K] | null }
    const res = await db().execute<Row>(
      sql`with w as materialized (${walk(s, true)})
        select c.*, p.* from (select count(*) filter (where hit)::int as n, count(*)::int as walked, min(o) as floor, ${RANGE}
          from (select o, hit from w limit ${countWindow}) x) c
        left join lateral (select ${COLUMNS} from (select o from w where hit limit ${limit}) h
          cross join lateral ${imageAt(sql`h.o`)} join jobs j on j.id = i.job_id) p on true`,
    )
    const { n, walked, floor, lo, hi } = res.rows[0]!
    const rows = res.rows
      .filter((r) => r.seq !== null)
      .map(({ n: _, walked: __, floor: ___, lo: ____, hi: _____, ...row }) => row as GalleryRow)
      .sort((a, b) => b.seq - a.seq)
    return { rows, counted: { n, walked, floor, lo, hi } }
  }

  /** The images that pass every filter but the words, newest first; with words (and `hits`), whether each matches them. */
  const walk = (s: Shape, hits: boolean) =>
    sql`select ${s.order} as o${hits && s.words ? sql`, ${s.words} as hit` : sql``} from ${s.from} where ${sql.join(s.where, sql` and `)} order by ${orderBy(s, 'desc')}`

  /** A filter's query, built once for the page and the count of one request (the service hands both the same filter). */
  const shapes = new WeakMap<GalleryFilter, Promise<Shape | null>>()
  function shape(filter: GalleryFilter): Promise<Shape | null> {
    if (!shapes.has(filter)) shapes.set(filter, buildShape(filter))
    return shapes.get(filter)!
  }

  async function buildShape(filter: GalleryFilter): Promise<Shape | null> {
    const where: SQL[] = [sql`i.deleted_at is null`]
    const words = searchTerms(filter.text)
    const known = await prelude(filter, words)
    const collection = filter.collection
    const tsquery = known.tsquery
    // Words that leave nothing to search for (only punctuation) match nothing, as `@@ null` did.
    if (words && typeof tsquery !== 'string') return null
    const tags = [...(filter.tags ?? [])]
    let from: SQL
    let order: SQL
    // A collection or a tag leads even with words: its entries are walked in seq order and the words
    // checked on each image (docs/decisions/031). With the words leading and the tag as a condition,
    // the planner hashed the tag's entries against every image: 36 ms p50 at 100k for a 5% tag.
    const wordsMatch = words ? sql`i.search @@ ${tsquery}::tsquery` : null
    if (collection) {
      from = sql`image_collections ic cross join lateral ${imageAt(sql`ic.image_seq`)}`
      order = sql`ic.image_seq`
      // Found by id or name; one that does not exist matches nothing.
      where.push(
        sql`ic.collection_id = (select id from collections where id = ${collection} union all select id from collections where name = ${collection} limit 1)`,
      )
    } else if (tags.length) {
      from = sql`image_tags it cross join lateral ${imageAt(sql`it.image_seq`)}`
      order = sql`it.image_seq`
      where.push(sql`it.tag = ${tags.shift()}`)
    } else {
      from = sql`images i`
      order = walkImages
    }
    if (filter.seed) where.push(numberCondition(sql`i.seed`, filter.seed))
    if (filter.steps) where.push(numberCondition(sql`i.steps`, filter.steps))
    if (filter.guidance) where.push(numberCondition(sql`i.guidance`, filter.guidance))
    if (filter.width) where.push(numberCondition(sql`i.width`, filter.width))
    if (filter.height) where.push(numberCondition(sql`i.height`, filter.height))
    const { bounds } = known
    if (bounds.lo !== undefined) where.push(sql`${order} >= ${bounds.lo}`, sql`i.created_at >= ${Date.parse(`${filter.from}T00:00:00Z`)}`)
    if (bounds.hi !== undefined) where.push(sql`${order} <= ${bounds.hi}`, sql`i.created_at < ${Date.parse(`${filter.to}T00:00:00Z`) + DAY}`)
    if (filter.favourite) where.push(sql`i.favourite`)
    if (filter.comparison === NO_COMPARISON) where.push(sql`i.comparison_id is null`)
    else if (filter.comparison) where.push(sql`i.comparison_id = ${filter.comparison}`)
    if (filter.template) {
      // Checked per row against the few jobs made from a template (a partial index), as on SQLite.
      where.push(
        sql`i.job_id in (select id from jobs where prompt_template is not null and strpos(lower(prompt_template), lower(${filter.template})) > 0)`,
      )
    }
    if (filter.rating === 'none') where.push(sql`i.rating is null`)
    else if (filter.rating) where.push(numberCondition(sql`i.rating`, filter.rating))
    for (const tag of tags) where.push(sql`exists (select 1 from image_tags t where t.image_id = i.id and t.tag = ${tag})`)
    // One model and nothing else but words: the model's index is the walk. Written `= any(…)`, the
    // planner does not fold the model into a constant, and only images_model_seq_idx gives (model,
    // seq) order without a sort; with `=` it walked the seq index of the whole gallery, checking the
    // model on each row (it prices the model index's heap visits as random reads): 5,045 rows for a
    // page of a model and a word at 100k (1.9 ms in PostgreSQL) instead of 1,203 (0.8 ms). Not with
    // other filters: a seed's or a day's few rows were then sorted, each joined to its job first.
    let lead: SQL | null = null
    if (filter.models.length === 1) {
      const [model] = filter.models
      if (order === walkImages && where.length === 1) {
        where.push(sql`i.model = any(${sql.param([model])}::text[])`)
        lead = sql`i.model`
      } else where.push(sql`i.model = ${model}`)
    } else if (filter.models.length) where.push(sql`i.model = any(${sql.param(filter.models)}::text[])`)
    return { from, order, lead, where, words: wordsMatch, bounds }
  }

  return {
    countsAlongside: true,

    async page(filter, opts) {
      const newest = opts.sort === 'newest'
      if (opts.counted && newest && opts.after === undefined) {
        // Registered before the first await: the count of the same request, asked next, finds it.
        const both = together(filter, opts.limit)
        walkedTogether.set(filter, both)
        const walked = await both
        if (walked) return walked.rows
      }
      const s = await shape(filter)
      if (!s) return []
      const where = s.words ? [...s.where, s.words] : [...s.where]
      if (opts.after !== undefined) where.push(newest ? sql`${s.order} < ${opts.after}` : sql`${s.order} > ${opts.after}`)
      const res = await db().execute<GalleryRow>(
        sql`select ${COLUMNS} from ${s.from} join jobs j on j.id = i.job_id where ${sql.join(where, sql` and `)} order by ${orderBy(s, newest ? 'desc' : 'asc')} limit ${opts.limit}`,
      )
      return res.rows
    },

    async total(filter): Promise<GalleryTotal> {
      const walked = await walkedTogether.get(filter)
      const s = await shape(filter)
      if (!s) return { count: 0, exact: true }
      /** `n` matches found down to seq `reached`, extrapolated over the gallery's (or the dates') range. */
      const estimate = async ({ n, lo, hi }: Counted, reached: number): Promise<GalleryTotal> => {
        const { bounds } = s
        const top = Math.min(Number(hi), bounds.hi ?? Number(hi))
        const bottom = Math.max(Number(lo), bounds.lo ?? Number(lo))
        return { count: Math.max(n, Math.round((n * (top - bottom + 1)) / Math.max(1, top - reached + 1))), exact: false }
      }
      if (s.words) {
        // The words are checked on the newest `countWindow` images that pass the rest, not walked from
        // the GIN index: that reads every match of a common word.
        const row =
          walked?.counted ??
          (
            await db().execute<WordsCounted>(
              sql`select count(*) filter (where hit)::int as n, count(*)::int as walked, min(o) as floor, ${RANGE}
                from (${walk(s, true)} limit ${countWindow}) w`,
            )
          ).rows[0]!
        // Exact when the window held every image that passed the rest.
        return row.walked < countWindow ? { count: row.n, exact: true } : estimate(row, Number(row.floor))
      }
      const res = await db().execute<Counted & { last: string | null }>(
        sql`select count(*)::int as n, min(o) as last, ${RANGE} from (${walk(s, false)} limit ${EXACT_COUNT_LIMIT + 1}) m`,
      )
      const row = res.rows[0]!
      return row.n <= EXACT_COUNT_LIMIT ? { count: row.n, exact: true } : estimate(row, Number(row.last))
    },
  }
}
