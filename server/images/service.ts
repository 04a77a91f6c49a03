// The gallery: search and keyset pages, image detail, favourites, bulk actions with undo, and files.
import path from 'node:path'
import { Readable } from 'node:stream'
import type { Image } from '../../shared/api'
import { estimateCostUsd, type ModelId } from '../../shared/catalogue'
import {
  MAX_BULK_IDS,
  MAX_QUERY_BULK,
  type BulkAction,
  type GalleryPage,
  type ImageDetail,
  type MatchingCount,
  type QueryBulkAction,
} from '../../shared/gallery-api'
import { parseGalleryQuery } from '../../shared/gallery-query'
import type { Data, GalleryRow, ImageWithJob, JobStore, Sort } from '../db/stores'
import { Invalid, NotFound } from '../errors'
import { imageUrls, presentImage } from '../jobs/present'
import type { Logger } from '../log'
import type { ImageStore } from '../storage/image-store'
import { embedParameters } from './embed-metadata'
import { checkTagLimit, tagsByImage } from './tags'

/** Cursors are the last image's seq, opaque to clients. */
export const encodeCursor = (seq: number) => Buffer.from(`s${seq}`).toString('base64url')

export function decodeCursor(cursor: string): number | null {
  const m = /^s(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  return m ? Number(m[1]) : null
}

/** `darkroom-a-red-fox-in-snow-42-0.png`: readable, safe on every file system. */
export function downloadName(prompt: string, seed: number | null, index: number, fileName: string) {
  const slug =
    prompt
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 48) || 'image'
  return `darkroom-${slug}-${seed ?? 'x'}-${index}${path.extname(fileName)}`
}

/** A gallery row as the API's Image, straight from the page query's columns. */
const presentPageRow = (r: GalleryRow): Image => ({
  id: r.id,
  jobId: r.jobId,
  comparisonId: r.comparisonId,
  index: r.index,
  model: r.model as ModelId,
  prompt: r.prompt,
  promptTemplate: r.promptTemplate,
  params: r.params,
  seed: r.seed,
  width: r.width,
  height: r.height,
  bytes: r.bytes,
  mimeType: r.mimeType,
  createdAt: new Date(r.createdAt).toISOString(),
  favourite: r.favourite,
  rating: r.rating,
  ...imageUrls(r.id),
})

export type ImageServiceOptions = {
  undoMs: number
  log: Logger
  /** Whether this instance purges expired deletes now: only the leader does (decision 026). */
  purges?: () => boolean
}

/** A query-wide action writes this many images per transaction (docs/decisions/027). */
const QUERY_CHUNK = 500
/** A zip reads the rows and tags of this many images per query. */
const DOWNLOAD_CHUNK = 100

export function createImageService(
  data: Pick<Data, 'gallery' | 'search' | 'transaction'>,
  repo: JobStore,
  store: ImageStore,
  options: ImageServiceOptions,
) {
  const { gallery, search } = data
  const live = async (id: string) => {
    const row = await repo.getImage(id)
    return row && row.image.deletedAt === null ? row : undefined
  }

  /** An image's file with its generation parameters, rating and tags embedded; null when the file is gone. */
  async function downloadable({ image, job }: ImageWithJob, tags: string[]) {
    const bytes = await store.read('file', image.fileName)
    if (!bytes) return null
    const payload = {
      app: 'darkroom' as const,
      model: job.model as ModelId,
      params: job.params,
      requestId: job.requestId,
      createdAt: new Date(image.createdAt).toISOString(),
      rating: image.rating,
      tags,
    }
    return {
      bytes: embedParameters(bytes, image.mimeType, payload, image),
      mimeType: image.mimeType,
      fileName: downloadName(job.prompt, job.seed, image.index, image.fileName),
    }
  }

  async function collectionExists(id: string) {
    if (!(await gallery.getCollection(id))) throw new NotFound('No collection with this id', { collectionId: 'No collection with this id' })
  }

  /** One action on these ids (at most one chunk); a tag action checks the per-image limit first. */
  async function apply(action: Exclude<BulkAction | QueryBulkAction, { action: 'restore' | 'remove-from-collection' }>, ids: string[], now: number) {
    switch (action.action) {
      case 'favourite':
      case 'unfavourite':
        return gallery.setFavourite(ids, action.action === 'favourite')
      case 'delete':
        return gallery.softDelete(ids, now)
      case 'rate':
        return gallery.setRating(ids, action.rating)
      case 'tag':
        await checkTagLimit(gallery, ids, action.tags)
        return gallery.addTags(ids, action.tags)
      case 'untag':
        return gallery.removeTags(ids, action.tags)
      case 'add-to-collection':
        return gallery.addToCollection(action.collectionId, ids, now)
    }
  }

  /** Ids of live images matching the filter, newest first, stopping one past MAX_QUERY_BULK. */
  async function matchingIds(filter: ReturnType<typeof parseGalleryQuery>['filter']): Promise<string[]> {
    const ids: string[] = []
    let after: number | undefined
    for (;;) {
      const rows = await search.page(filter, { sort: 'newest', limit: MAX_BULK_IDS, after })
      ids.push(...rows.map((r) => r.id))
      if (rows.length < MAX_BULK_IDS || ids.length > MAX_QUERY_BULK) return ids.slice(0, MAX_QUERY_BULK + 1)
      after = rows[rows.length - 1]!.seq
    }
  }

  async function idsForQuery(q: string): Promise<string[]> {
    const { filter, errors } = parseGalleryQuery(q)
    if (errors.length) throw new Invalid(`q: ${errors.join('; ')}`, { q: errors.join('; ') })
    const ids = await matchingIds(filter)
    if (ids.length > MAX_QUERY_BULK) {
      const message = `q matches more than ${MAX_QUERY_BULK.toLocaleString('en')} images; narrow it (a date, a model, a tag) and run the action on each part`
      throw new Invalid(message, { q: message })
    }
    return ids
  }

  /** Deletes for good the images whose undo window has closed, files first. */
  async function purgeExpired(now = Date.now()) {
    const expired = await gallery.expiredDeletes(now - options.undoMs)
    for (const row of expired) await store.remove(row)
    const purged = await gallery.purge(expired.map((r) => r.id))
    if (purged) options.log.info('deleted images purged', { count: purged })
    return purged
  }
  let purging: Promise<unknown> = Promise.resolve()
  const purgeTimer = setInterval(
    () => {
      if (options.purges && !options.purges()) return
      purging = purgeExpired().catch((err) => options.log.error('purge failed', { error: String(err) }))
    },
    Math.min(options.undoMs, 10_000),
  )
  purgeTimer.unref()

  return {
    gallery,

    /** A page of the gallery; the first also counts its matches unless `count` is false (nobody shows it). */
    async page(opts: { q?: string; sort: Sort; limit: number; after?: number; count?: boolean }): Promise<GalleryPage> {
      const { filter, errors } = parseGalleryQuery(opts.q ?? '')
      const counted = opts.after === undefined && opts.count !== false
      const paged = search.page(filter, { sort: opts.sort, limit: opts.limit + 1, after: opts.after, counted })
      // Where the database can, the count runs beside the page (it is wasted when the page is not full).
      const early = counted && search.countsAlongside ? search.total(filter) : null
      early?.catch(() => {}) // awaited below when used; a failure otherwise is the page's to report
      const rows = await paged
      const items = rows.slice(0, opts.limit).map(presentPageRow)
      const last = rows.length > opts.limit ? rows[opts.limit - 1]! : null
      // An estimate from a sparse window can come out under what this page already holds.
      const total = !counted
        ? null
        : rows.length <= opts.limit
          ? { count: rows.length, exact: true }
          : await (early ?? search.total(filter)).then((t) => ({ ...t, count: Math.max(t.count, rows.length) }))
      return { items, nextCursor: last ? encodeCursor(last.seq) : null, queryErrors: errors, total }
    },

    async detail(id: string): Promise<ImageDetail | undefined> {
      const row = await live(id)
      if (!row) return undefined
      const { image, job } = row
      const params = job.params
      return {
        ...presentImage(image, job),
        collections: await gallery.imageCollections(id),
        tags: (await tagsByImage(gallery, [id])).get(id) ?? [],
        requestId: job.requestId,
        submittedAt: job.submittedAt === null ? null : new Date(job.submittedAt).toISOString(),
        finishedAt: job.finishedAt === null ? null : new Date(job.finishedAt).toISOString(),
        estimatedCostUsd: estimateCostUsd(job.model as ModelId, Number(params.num_images ?? 1)),
      }
    },

    /** Applies one action to many images; deletes can be undone until `undoUntil`. */
    async bulk(action: BulkAction): Promise<{ affected: number; undoUntil: string | null }> {
      const now = Date.now()
      if (action.action === 'delete')
        return { affected: await gallery.softDelete(action.ids, now), undoUntil: new Date(now + options.undoMs).toISOString() }
      if (action.action === 'restore') return { affected: await gallery.restore(action.ids), undoUntil: null }
      if (action.action === 'remove-from-collection') {
        await collectionExists(action.collectionId)
        return { affected: await gallery.removeFromCollection(action.collectionId, action.ids), undoUntil: null }
      }
      if (action.action === 'add-to-collection') await collectionExists(action.collectionId)
      if (action.action === 'tag') return { affected: await data.transaction(() => apply(action, action.ids, now)), undoUntil: null }
      return { affected: await apply(action, action.ids, now), undoUntil: null }
    },

    /** How many live images a query-wide action would touch: exact, up to MAX_QUERY_BULK. */
    async matching(q: string): Promise<MatchingCount> {
      const { filter, errors } = parseGalleryQuery(q)
      const ids = errors.length ? [] : await matchingIds(filter)
      return { count: ids.length, overLimit: ids.length > MAX_QUERY_BULK, queryErrors: errors }
    },

    /**
     * Runs an action on every image matching a query, on the server, QUERY_CHUNK images per
     * transaction. Refused (nothing changed) when the query has errors or matches too many.
     */
    async bulkByQuery(action: QueryBulkAction) {
      const ids = await idsForQuery(action.q)
      const now = Date.now()
      if (action.action === 'add-to-collection') await collectionExists(action.collectionId)
      if (action.action === 'tag') await checkTagLimit(gallery, ids, action.tags)
      let affected = 0
      for (let i = 0; i < ids.length; i += QUERY_CHUNK) {
        const chunk = ids.slice(i, i + QUERY_CHUNK)
        affected += await data.transaction(() => apply(action, chunk, now))
      }
      const deletes = action.action === 'delete'
      return { affected, undoUntil: deletes ? new Date(now + options.undoMs).toISOString() : null, deletedIds: deletes ? ids : [] }
    },

    /** The ids a query-wide zip should hold (refused like bulkByQuery). */
    idsForQuery,

    /** Opens an image's file or thumbnail for streaming, or null when either the row or the file is gone. */
    async open(id: string, size: 'file' | 'thumb') {
      const row = await live(id)
      if (!row) return null
      const blob = await store.open(size, size === 'file' ? row.image.fileName : row.image.thumbName)
      if (!blob) return null
      return {
        body: Readable.toWeb(blob.body) as ReadableStream,
        bytes: blob.size,
        mimeType: size === 'file' ? row.image.mimeType : 'image/webp',
      }
    },

    /** The original with its generation parameters embedded, named for a person's downloads folder. */
    async download(id: string) {
      const row = await live(id)
      return row ? downloadable(row, (await tagsByImage(gallery, [id])).get(id) ?? []) : null
    },

    /**
     * Many originals as `download` gives one, in the order asked, skipping any gone: rows and tags are
     * read a chunk at a time, files one at a time as the caller takes them (a zip writes each out first).
     */
    async *downloads(ids: readonly string[]) {
      for (let at = 0; at < ids.length; at += DOWNLOAD_CHUNK) {
        const chunk = ids.slice(at, at + DOWNLOAD_CHUNK)
        const rows = new Map((await repo.imagesWithJobs(chunk)).filter((r) => r.image.deletedAt === null).map((r) => [r.image.id, r]))
        const tags = await tagsByImage(gallery, [...rows.keys()])
        for (const id of chunk) {
          const row = rows.get(id)
          const file = row && (await downloadable(row, tags.get(id) ?? []))
          if (file) yield file
        }
      }
    },

    /** A single delete, with the same undo window as bulk deletes. */
    async remove(id: string) {
      return (await gallery.softDelete([id], Date.now())) === 1
    },

    purgeExpired,
    /** Stops the purge timer; resolves once a purge under way is done with the database. */
    async close() {
      clearInterval(purgeTimer)
      await purging
    },
  }
}

export type ImageService = ReturnType<typeof createImageService>
