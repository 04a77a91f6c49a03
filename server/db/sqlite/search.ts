// SearchStore on SQLite. Turns a gallery filter into one keyset-paged query that reads an index in seq order and stops after
// one page (docs/decisions/013). It walks the prompt index when there are words, a collection's
// entries when there is a collection, or else an `images` index that ends in seq; everything else is
// checked per row. Statements are compiled once per shape (the connection keeps them).
import { NO_COMPARISON, type GalleryFilter, type NumberFilter } from '../../../shared/gallery-query'
import type { GalleryTotal } from '../../../shared/gallery-api'
import type { GalleryRow, SearchStore, Sort } from '../stores'
import type { Connection } from './connection'
import { ftsQuery, probeQuery, SPELLED_OUT_MAX } from './fts-query'

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
/**
 * Past NARROW_LEAD_MAX, words lead; a set of up to this many images is then also checked as a list
 * (`+i.seq in (…)`), which SQLite builds once with a Bloom filter: a common word with seed 42 (~500
 * images at 100k) filled its page in 0.95 ms instead of 2.5 ms looking up every match's seed.
 * Counting a set up to this size costs up to ~0.7 ms at 1M.
 */
export const SET_FILTER_MAX = 20_000
/**
 * …and only if it is at most this share of the gallery: building the list costs ~0.1 µs an image and
 * saves ~0.4 µs a match walked, so a big set (a collection of 10% of the gallery) costs more than it
 * saves (1.3 → 2.9 ms a page at 100k).
 */
const SET_FILTER_SHARE = 0.05

/**
 * A count reads at most this many entries of the index it walks (the prompt index, a collection's
 * or a tag's entries): past them the matches found are extrapolated over the rest of the range.
 * A common word with a rare filter (seed 42 and a 3-letter prefix) walked ~100k matches to find
 * the 501 that decide between exact and estimate: 47 ms at 1M, 2.5 ms within the window.
 */
export const COUNT_WINDOW = 10_000

/** The index a walk reads in seq order (`from` with its own conditions), when it is not `images` itself. */
type Driver = { from: string; where: string[]; args: unknown[] }
/** The query for a filter: its walk (`from`, in `order`) and every condition; `rest` is all but the driver's, for a walk whose seq is `seq`. */
type Shape = {
  from: string
  order: string
  where: string[]
  args: unknown[]
  driver: Driver | null
  rest: (seq: string) => { where: string[]; args: unknown[] }
}

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
export type SqliteSearchStore = SearchStore & { explain(filter: GalleryFilter, sort?: Sort): string[]; explainCount(filter: GalleryFilter): string[] }

export function sqliteSearchStore({ sqlite, run }: Connection, { countWindow = COUNT_WINDOW } = {}): SqliteSearchStore {
  // The connection keeps compiled statements (connection.ts): preparing the same text is cheap.
  const prepare = (text: string) => sqlite.prepare<unknown[]>(text)
  const value = (text: string, ...args: unknown[]) =>
    prepare(text)
      .pluck()
      .get(...args) as number | string | null | undefined

  /** The prompt index's terms that start with `prefix` (lowercase ASCII), up to one past SPELLED_OUT_MAX. */
  let vocabulary = false
  function termsStarting(prefix: string): string[] {
    if (!vocabulary) {
      sqlite.exec('create virtual table if not exists temp.images_fts_terms using fts5vocab(main, images_fts, row)')
      vocabulary = true
    }
    const next = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)
    return prepare(`select term from temp.images_fts_terms where term >= ? and term < ? limit ${SPELLED_OUT_MAX + 1}`)
      .pluck()
      .all(prefix, next) as string[]
  }

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

  /** The lowest and highest seq of the gallery: two index lookups (min() and max() in one select scan the table). */
  const seqRange = () =>
    prepare(
      'select (select min(seq) from images where deleted_at is null) as lo, (select max(seq) from images where deleted_at is null) as hi',
    ).get() as {
      lo: number | null
      hi: number | null
    }
  const gallerySpan = () => {
    const { lo, hi } = seqRange()
    return lo === null || hi === null ? 0 : hi - lo + 1
  }

  /**
   * With words: the collection, tag and seed as sets of seqs with their sizes (counted up to
   * SET_FILTER_MAX). The smallest, if it holds at most NARROW_LEAD_MAX images, leads the walk.
   */
  function sets(filter: GalleryFilter, collection: string | undefined, tag: string | undefined) {
    const found: { kind: 'collection' | 'tag' | 'seed'; seqs: string; arg: unknown; size: number }[] = []
    const add = (kind: 'collection' | 'tag' | 'seed', seqs: string, arg: unknown) =>
      found.push({ kind, seqs, arg, size: value(`select count(*) from (${seqs} limit ${SET_FILTER_MAX + 1})`, arg) as number })
    if (collection) add('collection', 'select image_seq from image_collections where collection_id = ?', collection)
    if (tag) add('tag', 'select image_seq from image_tags where tag = ?', tag)
    if (filter.seed?.op === '=') add('seed', 'select seq from images where seed = ? and deleted_at is null', filter.seed.value)
    found.sort((a, b) => a.size - b.size)
    const lead = found[0] && found[0].size <= NARROW_LEAD_MAX ? found[0].kind : null
    if (lead || !found.length) return { lead, filters: [] }
    const span = gallerySpan()
    return { lead, filters: found.filter((f) => f.size <= SET_FILTER_MAX && f.size <= span * SET_FILTER_SHARE) }
  }

  /**
   * A filter's query, built once for the page and the count of one request (the service hands both
   * the same filter): building it counts sets and reads date bounds, up to ~1 ms at 1M.
   */
  const shapes = new WeakMap<GalleryFilter, Shape | null>()
  function shape(filter: GalleryFilter): Shape | null {
    if (!shapes.has(filter)) shapes.set(filter, buildShape(filter))
    return shapes.get(filter)!
  }

  function buildShape(filter: GalleryFilter): Shape | null {
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
    const { lead, filters: setFilters } = match ? sets(filter, collection, tags[0]) : { lead: null, filters: [] }
    const probe = lead ? probeQuery(filter.text, termsStarting) : null
    if (lead && probe === null) return null
    if (lead) match = null
    let from = 'images i'
    let order = 'i.seq'
    let driver: Driver | null = null
    if (match) {
      driver = { from: 'images_fts f', where: ['f.images_fts match ?'], args: [match] }
      from = `${driver.from} cross join images i on i.seq = f.rowid`
      order = 'f.rowid'
    } else if (collection && (lead === null || lead === 'collection')) {
      driver = { from: 'image_collections ic', where: ['ic.collection_id = ?'], args: [collection] }
      from = `${driver.from} cross join images i on i.seq = ic.image_seq`
      order = 'ic.image_seq'
      collection = undefined
    } else if (tags.length && (lead === null || lead === 'tag')) {
      // A tag's entries carry the image's seq, so a tag is walked in gallery order like a collection.
      driver = { from: 'image_tags it', where: ['it.tag = ?'], args: [tags.shift()] }
      from = `${driver.from} cross join images i on i.seq = it.image_seq`
      order = 'it.image_seq'
    }
    if (filter.models.length === 1) {
      // With favourites, their partial index leads (a few % of the gallery) and the model is checked per row:
      // walking a model's index for its favourites took 4.6 ms at 100k, the favourites' 0.2 ms.
      where.push(filter.favourite ? '+i.model = ?' : 'i.model = ?')
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
      // The seq bounds narrow the walked index itself.
      const walk = driver ?? { where, args }
      if (lo !== undefined) {
        walk.where.push(`${order} >= ?`)
        walk.args.push(lo)
        where.push('i.created_at >= ?')
        args.push(Date.parse(`${filter.from}T00:00:00Z`))
      }
      if (hi !== undefined) {
        walk.where.push(`${order} <= ?`)
        walk.args.push(hi)
        where.push('i.created_at < ?')
        args.push(Date.parse(`${filter.to}T00:00:00Z`) + DAY)
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
    if (probe) {
      where.push('exists (select 1 from images_fts f where f.images_fts match ? and f.rowid = i.seq)')
      args.push(probe)
    }
    // Checked on the walk's seq, before the image's row is read (by image_id after it: twice the time).
    // A set is a list SQLite builds once, with a Bloom filter. `rest` is for a renamed walk (total's window).
    const bySeq: { sql: (seq: string) => string; arg: unknown }[] = [
      ...tags.map((tag) => ({ sql: (seq: string) => `exists (select 1 from image_tags t where t.tag = ? and t.image_seq = ${seq})`, arg: tag })),
      ...(collection
        ? [{ sql: (seq: string) => `exists (select 1 from image_collections c where c.collection_id = ? and c.image_seq = ${seq})`, arg: collection }]
        : []),
      ...setFilters.map((f) => ({ sql: (seq: string) => `+${seq} in (${f.seqs})`, arg: f.arg })),
    ]
    const rest = (seq: string) => ({ where: [...where, ...bySeq.map((c) => c.sql(seq))], args: [...args, ...bySeq.map((c) => c.arg)] })
    const all = rest(order)
    return { from, order, where: [...(driver?.where ?? []), ...all.where], args: [...(driver?.args ?? []), ...all.args], driver, rest }
  }

  const COLUMNS = `i.id, i.job_id as jobId, i.comparison_id as comparisonId, i.idx as "index", i.model, j.prompt, j.prompt_template as promptTemplate, j.params, j.seed,
    i.width, i.height, i.bytes, i.mime_type as mimeType, i.created_at as createdAt, i.favourite, i.rating, i.seq`

  const toRow = (r: PageRow): GalleryRow => ({ ...r, params: JSON.parse(r.params), favourite: r.favourite === 1 })

  /** The count's walks that a page already took, for the total of the same request. */
  const walks = new WeakMap<GalleryFilter, CountWalk>()

  function page(filter: GalleryFilter, opts: PageOptions): GalleryRow[] {
    const s = shape(filter)
    if (!s) return []
    const newest = opts.sort === 'newest'
    if (opts.counted && newest && opts.after === undefined && s.driver) {
      // A counted first page that walks an index of its own: the count walks the same entries in the
      // same order, so its newest matches are the page when they fill it (or are all there are).
      const walked = runCountWalk(s)
      walks.set(filter, walked)
      if (walked.seqs.length >= opts.limit || walked.floor === null) return bySeq(walked.seqs.slice(0, opts.limit))
    }
    const where = [...s.where]
    const args = [...s.args]
    if (opts.after !== undefined) {
      where.push(`${s.order} ${newest ? '<' : '>'} ?`)
      args.push(opts.after)
    }
    const text = `select ${COLUMNS} from ${s.from} cross join jobs j on j.id = i.job_id where ${where.join(' and ')} order by ${s.order} ${newest ? 'desc' : 'asc'} limit ?`
    return (prepare(text).all(...args, opts.limit) as PageRow[]).map(toRow)
  }

  /** Images by seq, newest first. */
  function bySeq(seqs: number[]): GalleryRow[] {
    if (!seqs.length) return []
    const text = `select ${COLUMNS} from images i cross join jobs j on j.id = i.job_id where i.seq in (${seqs.map(() => '?').join(', ')}) order by i.seq desc`
    return (prepare(text).all(...seqs) as PageRow[]).map(toRow)
  }

  /**
   * The count's walk: the newest matches, up to EXACT_COUNT_LIMIT + 1. With a driver, its newest
   * entries as a co-routine and the rest checked per entry: bounding the entries themselves
   * (`f.rowid >= ?`) made FTS5 read a prefix's whole doclist, 17 ms at 1M. The image is joined on
   * `+w.o` so that the checks by seq (a tag, a collection, a list) come before its row is read:
   * joined on `w.o`, SQLite read every entry's image first, and a 5% tag with a common word counted
   * in 17.7 ms at 1M instead of 9.8.
   */
  function countWalk(s: Shape) {
    const d = s.driver
    const window = d && `select ${s.order} as o from ${d.from} where ${d.where.join(' and ')} order by ${s.order} desc`
    const rest = s.rest('w.o')
    const walk = window
      ? {
          text: `select w.o from (${window} limit ${countWindow}) w cross join images i on i.seq = +w.o where ${rest.where.join(' and ')} order by w.o desc`,
          args: [...d.args, ...rest.args],
        }
      : { text: `select ${s.order} as o from ${s.from} where ${s.where.join(' and ')} order by ${s.order} desc`, args: s.args }
    return {
      text: `${walk.text} limit ${EXACT_COUNT_LIMIT + 1}`,
      args: walk.args,
      window: window ? { text: window, args: d.args } : null,
    }
  }

  /**
   * The count's walk, run: the newest matches' seqs (up to EXACT_COUNT_LIMIT + 1), and under that
   * limit, the seq of the window's last entry if the window did not hold every entry (else null).
   */
  function runCountWalk(s: Shape): CountWalk {
    const { text, args, window } = countWalk(s)
    const seqs = prepare(text)
      .pluck()
      .all(...args) as number[]
    const floor =
      window && seqs.length <= EXACT_COUNT_LIMIT
        ? ((value(`${window.text} limit 1 offset ${countWindow - 1}`, ...window.args) as number | undefined) ?? null)
        : null
    return { seqs, floor }
  }

  /**
   * How many images match: exact up to EXACT_COUNT_LIMIT, past it extrapolated from how much of the
   * seq range the newest EXACT_COUNT_LIMIT matches span. The walk stops after the newest
   * `countWindow` entries of its index; matches found there are extrapolated the same way.
   */
  function total(filter: GalleryFilter): GalleryTotal {
    const s = shape(filter)
    if (!s) return { count: 0, exact: true }
    const { seqs, floor } = walks.get(filter) ?? runCountWalk(s)
    walks.delete(filter)
    const n = seqs.length
    // Under the limit, the count is exact only if the window held the driver's every entry.
    if (n <= EXACT_COUNT_LIMIT && floor === null) return { count: n, exact: true }
    const { lo, hi } = seqRange()
    if (lo === null || hi === null) return { count: 0, exact: true }
    const bounds = filter.from || filter.to ? dateBounds(filter) : {}
    const top = Math.min(hi, bounds.hi ?? hi)
    const bottom = Math.max(lo, bounds.lo ?? lo)
    const reached = n > EXACT_COUNT_LIMIT ? seqs.at(-1)! : (floor as number)
    const count = Math.round((n * (top - bottom + 1)) / Math.max(1, top - reached + 1))
    return { count: Math.max(count, n), exact: false }
  }

  /** The steps of EXPLAIN QUERY PLAN for a statement, for the plan tests. */
  const planOf = (text: string, args: unknown[]) =>
    (sqlite.prepare(`explain query plan ${text}`).all(...args) as { detail: string }[]).map((r) => r.detail)

  return {
    page: (filter, opts) => run(() => page(filter, opts)),
    total: (filter) => run(() => total(filter)),

    /** The SQL a filter runs, for EXPLAIN QUERY PLAN in tests. */
    explain(filter, sort = 'newest') {
      const s = shape(filter)
      if (!s) return []
      const text = `select ${COLUMNS} from ${s.from} cross join jobs j on j.id = i.job_id where ${s.where.join(' and ')} order by ${s.order} ${sort === 'newest' ? 'desc' : 'asc'} limit 61`
      return planOf(text, s.args)
    },

    /** The count's walk, for EXPLAIN QUERY PLAN in tests. */
    explainCount(filter) {
      const s = shape(filter)
      if (!s) return []
      const { text, args } = countWalk(s)
      return planOf(text, args)
    },
  }
}

type PageOptions = { sort: Sort; limit: number; after?: number; counted?: boolean }
/** The count's walk, run once (runCountWalk). */
type CountWalk = { seqs: number[]; floor: number | null }

/** A page's row as SQLite returns it: params as JSON text, favourite as 0 or 1. */
type PageRow = Omit<GalleryRow, 'params' | 'favourite'> & { params: string; favourite: number }
