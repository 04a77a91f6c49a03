// SearchStore on SQLite. Turns a gallery filter into one keyset-paged query that reads an index in seq order and stops after
// one page (docs/decisions/013). It walks the prompt index when there are words, a collection's
// entries when there is a collection, or else an `images` index that ends in seq; everything else is
// checked per row. Statements are compiled once per shape (the connection keeps them).
import { NO_COMPARISON, type GalleryFilter, type NumberFilter } from '../../../shared/gallery-query'
import type { GalleryTotal } from '../../../shared/gallery-api'
import type { GalleryRow, SearchStore, Sort } from '../stores'
import type { Connection } from './connection'

/** FTS5 syntax from the user's words: phrases stay phrases, single words also match as prefixes. */
export function ftsQuery(text: string[]): string | null {
  const parts = text
    .map((t) => t.replace(/"/g, '').trim())
    .filter(Boolean)
    .map((t) => (/\s/.test(t) ? `"${t}"` : `"${t}"*`))
  return parts.length ? parts.join(' ') : null
}

const DAY = 86_400_000
/** Pages count their matches up to this many; past it the total is an estimate. */
export const EXACT_COUNT_LIMIT = 500
/**
 * seq follows arrival time except for downloads that finish out of order; a date's seq bounds are
 * widened over this many neighbours so such images are not lost (docs/decisions/013).
 */
const DATE_SLACK = 256
/**
 * Words with a collection, a tag or a seed that holds at most this many images walk those images
 * and probe the prompt index per image instead of walking the word's matches: a common word inside
 * a 50-image collection took 310 ms the other way at 1M, 1.2 ms this way. A probe costs 8–100 µs
 * (a prefix of a common word is the dear end), so the set must stay small: at 1000, seed 42's ~500
 * images with a common word took 103 ms at 100k against a few ms walking the word (decision 013).
 */
export const NARROW_LEAD_MAX = 100

type Shape = { from: string; order: string; where: string[]; args: unknown[] }

/** A NumberFilter as SQL. Ranges are checked per row (`+col` keeps SQLite walking in seq order). */
function numberCondition(col: string, f: NumberFilter, args: unknown[]): string {
  if (f.op === '=') {
    args.push(f.value)
    return `${col} = ?`
  }
  const c = col === 'i.seed' ? col : `+${col}`
  if (f.op === 'between') {
    args.push(f.min, f.max)
    return `${c} between ? and ?`
  }
  args.push(f.value)
  return `${c} ${f.op} ?`
}

/** SQLite's search also shows the plan a filter runs (EXPLAIN QUERY PLAN), for tests of its indexes. */
export type SqliteSearchStore = SearchStore & { explain(filter: GalleryFilter, sort?: Sort): string[] }

export function sqliteSearchStore({ sqlite, run }: Connection): SqliteSearchStore {
  // The connection keeps compiled statements (connection.ts): preparing the same text is cheap.
  const prepare = (text: string) => sqlite.prepare<unknown[]>(text)
  const value = (text: string, ...args: unknown[]) =>
    prepare(text)
      .pluck()
      .get(...args) as number | string | null | undefined

  /** The seq range that holds a date range: images arrive (and get their seq) in time order. */
  function dateBounds(filter: GalleryFilter): { lo?: number; hi?: number } {
    const bounds: { lo?: number; hi?: number } = {}
    if (filter.from) {
      const at = Date.parse(`${filter.from}T00:00:00Z`)
      const lo = value(`select min(seq) from (select seq from images where created_at >= ? order by created_at limit ${DATE_SLACK})`, at)
      bounds.lo = typeof lo === 'number' ? lo : Number.MAX_SAFE_INTEGER
    }
    if (filter.to) {
      const at = Date.parse(`${filter.to}T00:00:00Z`) + DAY
      const hi = value(`select max(seq) from (select seq from images where created_at < ? order by created_at desc limit ${DATE_SLACK})`, at)
      bounds.hi = typeof hi === 'number' ? hi : 0
    }
    return bounds
  }

  /** How many images a narrower walk than the prompt index would visit, if few enough to lead. */
  function narrowLead(filter: GalleryFilter, collection: string | undefined, tag: string | undefined) {
    const few = (text: string, arg: unknown) => value(`select count(*) from (${text} limit ${NARROW_LEAD_MAX + 1})`, arg) as number
    const sizes: ['collection' | 'tag' | 'seed', number][] = []
    if (collection) sizes.push(['collection', few('select 1 from image_collections where collection_id = ?', collection)])
    if (tag) sizes.push(['tag', few('select 1 from image_tags where tag = ?', tag)])
    if (filter.seed?.op === '=') sizes.push(['seed', few('select 1 from images where seed = ? and deleted_at is null', filter.seed.value)])
    return sizes.filter(([, n]) => n <= NARROW_LEAD_MAX).sort((a, b) => a[1] - b[1])[0]?.[0] ?? null
  }

  function shape(filter: GalleryFilter): Shape | null {
    const where: string[] = ['i.deleted_at is null']
    const args: unknown[] = []
    let collection: string | undefined
    if (filter.collection) {
      const id = value(
        `select id from collections where id = ? union all select id from collections where name = ? limit 1`,
        filter.collection,
        filter.collection,
      )
      if (typeof id !== 'string') return null
      collection = id
    }
    let match = ftsQuery(filter.text)
    const tags = [...(filter.tags ?? [])]
    // Words are walked in the prompt index itself (newest match first) and every other filter is
    // checked per match, unless a collection, tag or seed holds so few images that probing the
    // prompt index once per image of theirs is cheaper (NARROW_LEAD_MAX).
    const lead = match ? narrowLead(filter, collection, tags[0]) : null
    const probe = lead ? match : null
    if (lead) match = null
    let from: string
    let order: string
    const driverArgs: unknown[] = []
    if (match) {
      from = 'images_fts f cross join images i on i.seq = f.rowid'
      order = 'f.rowid'
      where.unshift('f.images_fts match ?')
      driverArgs.push(match)
    } else if (collection && (lead === null || lead === 'collection')) {
      from = 'image_collections ic cross join images i on i.seq = ic.image_seq'
      order = 'ic.image_seq'
      where.unshift('ic.collection_id = ?')
      driverArgs.push(collection)
      collection = undefined
    } else if (tags.length && (lead === null || lead === 'tag')) {
      // A tag's entries carry the image's seq, so a tag is walked in gallery order like a collection.
      from = 'image_tags it cross join images i on i.seq = it.image_seq'
      order = 'it.image_seq'
      where.unshift('it.tag = ?')
      driverArgs.push(tags.shift())
    } else {
      from = 'images i'
      order = 'i.seq'
    }
    if (filter.models.length === 1) {
      where.push('i.model = ?')
      args.push(filter.models[0])
    } else if (filter.models.length) {
      // Several models are most of the gallery: checked per row, so the walk stays in seq order.
      where.push(`+i.model in (${filter.models.map(() => '?').join(', ')})`)
      args.push(...filter.models)
    }
    if (filter.seed) where.push(numberCondition('i.seed', filter.seed, args))
    if (filter.steps) where.push(numberCondition('i.steps', filter.steps, args))
    if (filter.guidance) where.push(numberCondition('i.guidance', filter.guidance, args))
    if (filter.width) where.push(numberCondition('i.width', filter.width, args))
    if (filter.height) where.push(numberCondition('i.height', filter.height, args))
    if (filter.from || filter.to) {
      const { lo, hi } = dateBounds(filter)
      if (lo !== undefined) {
        where.push(`${order} >= ?`, 'i.created_at >= ?')
        args.push(lo, Date.parse(`${filter.from}T00:00:00Z`))
      }
      if (hi !== undefined) {
        where.push(`${order} <= ?`, 'i.created_at < ?')
        args.push(hi, Date.parse(`${filter.to}T00:00:00Z`) + DAY)
      }
    }
    // A literal, not a bound parameter: only then can SQLite use the partial indexes on favourites.
    if (filter.favourite) where.push('i.favourite = 1')
    // `comparison:none` hides comparison images; most of a gallery is playground images, so it is checked per row.
    if (filter.comparison === NO_COMPARISON) where.push('+i.comparison_id is null')
    else if (filter.comparison) {
      where.push('i.comparison_id = ?')
      args.push(filter.comparison)
    }
    if (filter.template) {
      // Checked per row against the few jobs made from a template (a partial index), so the walk stays in seq order.
      where.push('+i.job_id in (select id from jobs where prompt_template is not null and instr(lower(prompt_template), lower(?)) > 0)')
      args.push(filter.template)
    }
    if (filter.rating === 'none') where.push('+i.rating is null')
    else if (filter.rating) where.push(numberCondition('i.rating', filter.rating, args))
    for (const tag of tags) {
      where.push('exists (select 1 from image_tags t where t.image_id = i.id and t.tag = ?)')
      args.push(tag)
    }
    if (collection) {
      where.push('exists (select 1 from image_collections ic where ic.collection_id = ? and ic.image_id = i.id)')
      args.push(collection)
    }
    if (probe) {
      where.push('exists (select 1 from images_fts f where f.images_fts match ? and f.rowid = i.seq)')
      args.push(probe)
    }
    return { from, order, where, args: [...driverArgs, ...args] }
  }

  const COLUMNS = `i.id, i.job_id as jobId, i.comparison_id as comparisonId, i.idx as "index", i.model, j.prompt, j.prompt_template as promptTemplate, j.params, j.seed,
    i.width, i.height, i.bytes, i.mime_type as mimeType, i.created_at as createdAt, i.favourite, i.rating, i.seq`

  function page(filter: GalleryFilter, opts: { sort: Sort; limit: number; after?: number }): GalleryRow[] {
    const s = shape(filter)
    if (!s) return []
    const newest = opts.sort === 'newest'
    const where = [...s.where]
    const args = [...s.args]
    if (opts.after !== undefined) {
      where.push(`${s.order} ${newest ? '<' : '>'} ?`)
      args.push(opts.after)
    }
    const text = `select ${COLUMNS} from ${s.from} cross join jobs j on j.id = i.job_id where ${where.join(' and ')} order by ${s.order} ${newest ? 'desc' : 'asc'} limit ?`
    return (prepare(text).all(...args, opts.limit) as PageRow[]).map((r) => ({ ...r, params: JSON.parse(r.params), favourite: r.favourite === 1 }))
  }

  /**
   * How many images match: exact up to EXACT_COUNT_LIMIT, past it extrapolated from how much of the
   * seq range the newest EXACT_COUNT_LIMIT matches span.
   */
  function total(filter: GalleryFilter): GalleryTotal {
    const s = shape(filter)
    if (!s) return { count: 0, exact: true }
    const text = `select count(*) as n, min(o) as last from (select ${s.order} as o from ${s.from} where ${s.where.join(' and ')} order by ${s.order} desc limit ${EXACT_COUNT_LIMIT + 1})`
    const { n, last } = prepare(text).get(...s.args) as { n: number; last: number | null }
    if (n <= EXACT_COUNT_LIMIT) return { count: n, exact: true }
    const { lo, hi } = prepare(
      // Two subqueries: each is one index lookup; min() and max() in one select scan the table.
      'select (select min(seq) from images where deleted_at is null) as lo, (select max(seq) from images where deleted_at is null) as hi',
    ).get() as { lo: number; hi: number }
    const bounds = filter.from || filter.to ? dateBounds(filter) : {}
    const top = Math.min(hi, bounds.hi ?? hi)
    const bottom = Math.max(lo, bounds.lo ?? lo)
    const count = Math.round((EXACT_COUNT_LIMIT * (top - bottom + 1)) / Math.max(1, top - last! + 1))
    return { count: Math.max(count, EXACT_COUNT_LIMIT + 1), exact: false }
  }

  return {
    page: (filter, opts) => run(() => page(filter, opts)),
    total: (filter) => run(() => total(filter)),

    /** The SQL a filter runs, for EXPLAIN QUERY PLAN in tests. */
    explain(filter, sort = 'newest') {
      const s = shape(filter)
      if (!s) return []
      const text = `select ${COLUMNS} from ${s.from} cross join jobs j on j.id = i.job_id where ${s.where.join(' and ')} order by ${s.order} ${sort === 'newest' ? 'desc' : 'asc'} limit 61`
      return (sqlite.prepare(`explain query plan ${text}`).all(...s.args) as { detail: string }[]).map((r) => r.detail)
    },
  }
}

/** A page's row as SQLite returns it: params as JSON text, favourite as 0 or 1. */
type PageRow = Omit<GalleryRow, 'params' | 'favourite'> & { params: string; favourite: number }
