// Turns a gallery filter into one keyset-paged query. Every filter is an indexed lookup on `images`
// (model, seed, steps, guidance are copied there from the job); text goes through FTS5.
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm'
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import { NO_COMPARISON, type GalleryFilter, type NumberFilter } from '../../shared/gallery-query'
import type { Db } from '../db/client'
import { images, jobs } from '../db/schema'

export type Sort = 'newest' | 'oldest'

function numberCondition(col: AnySQLiteColumn, f: NumberFilter): SQL {
  switch (f.op) {
    case 'between':
      return and(gte(col, f.min), lte(col, f.max))!
    case '>':
      return gt(col, f.value)
    case '>=':
      return gte(col, f.value)
    case '<':
      return lt(col, f.value)
    case '<=':
      return lte(col, f.value)
    default:
      return eq(col, f.value)
  }
}

/** FTS5 syntax from the user's words: phrases stay phrases, single words also match as prefixes. */
export function ftsQuery(text: string[]): string | null {
  const parts = text
    .map((t) => t.replace(/"/g, '').trim())
    .filter(Boolean)
    .map((t) => (/\s/.test(t) ? `"${t}"` : `"${t}"*`))
  return parts.length ? parts.join(' ') : null
}

const DAY = 86_400_000

export function filterConditions(filter: GalleryFilter): SQL[] {
  const where: SQL[] = [isNull(images.deletedAt)]
  if (filter.models.length) where.push(inArray(images.model, filter.models))
  if (filter.seed) where.push(numberCondition(images.seed, filter.seed))
  if (filter.steps) where.push(numberCondition(images.steps, filter.steps))
  if (filter.guidance) where.push(numberCondition(images.guidance, filter.guidance))
  if (filter.width) where.push(numberCondition(images.width, filter.width))
  if (filter.height) where.push(numberCondition(images.height, filter.height))
  if (filter.from) where.push(gte(images.createdAt, Date.parse(`${filter.from}T00:00:00Z`)))
  if (filter.to) where.push(lt(images.createdAt, Date.parse(`${filter.to}T00:00:00Z`) + DAY))
  // A literal, not a bound parameter: only then can SQLite use the partial index on favourites.
  if (filter.favourite) where.push(sql`${images.favourite} = 1`)
  if (filter.collection) {
    where.push(sql`${images.id} in (select ic.image_id from image_collections ic join collections c on c.id = ic.collection_id where c.id = ${filter.collection} or c.name = ${filter.collection})`)
  }
  if (filter.comparison === NO_COMPARISON) where.push(sql`${images.jobId} in (select id from jobs where comparison_id is null)`)
  else if (filter.comparison) where.push(sql`${images.jobId} in (select id from jobs where comparison_id = ${filter.comparison})`)
  const match = ftsQuery(filter.text)
  if (match) where.push(sql`${images.seq} in (select rowid from images_fts where images_fts match ${match})`)
  return where
}

/** A page of images in arrival order (seq), after the keyset cursor: each filter narrows an index scan. */
export function searchImages(db: Db, filter: GalleryFilter, opts: { sort: Sort; limit: number; after?: number }) {
  const where = filterConditions(filter)
  const newest = opts.sort === 'newest'
  if (opts.after !== undefined) where.push(newest ? lt(images.seq, opts.after) : gt(images.seq, opts.after))
  return db
    .select({ image: images, job: jobs })
    .from(images)
    .innerJoin(jobs, eq(images.jobId, jobs.id))
    .where(and(...where))
    .orderBy(newest ? desc(images.seq) : asc(images.seq))
    .limit(opts.limit)
    .all()
}

/** How many images match, for the gallery's "1,234 images": asked once per view (the first page). */
export function countImages(db: Db, filter: GalleryFilter): number {
  return db.select({ n: count() }).from(images).innerJoin(jobs, eq(images.jobId, jobs.id)).where(and(...filterConditions(filter))).get()?.n ?? 0
}
