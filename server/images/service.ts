// The gallery: search and keyset pages, image detail, favourites, bulk actions with undo, and files.
import path from 'node:path'
import { Readable } from 'node:stream'
import type { Image } from '../../shared/api'
import { estimateCostUsd, type ModelId } from '../../shared/catalogue'
import type { BulkAction, GalleryPage, ImageDetail } from '../../shared/gallery-api'
import { parseGalleryQuery } from '../../shared/gallery-query'
import type { Data, GalleryRow, JobStore, Sort } from '../db/stores'
import { NotFound } from '../errors'
import { imageUrls, presentImage } from '../jobs/present'
import type { Logger } from '../log'
import type { ImageStore } from '../storage/image-store'
import { embedParameters } from './embed-metadata'

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
  ...imageUrls(r.id),
})

export type ImageServiceOptions = {
  undoMs: number
  log: Logger
  /** Whether this instance purges expired deletes now: only the leader does (decision 026). */
  purges?: () => boolean
}

export function createImageService(data: Pick<Data, 'gallery' | 'search'>, repo: JobStore, store: ImageStore, options: ImageServiceOptions) {
  const { gallery, search } = data
  const live = async (id: string) => {
    const row = await repo.getImage(id)
    return row && row.image.deletedAt === null ? row : undefined
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

    async page(opts: { q?: string; sort: Sort; limit: number; after?: number }): Promise<GalleryPage> {
      const { filter, errors } = parseGalleryQuery(opts.q ?? '')
      const rows = await search.page(filter, { sort: opts.sort, limit: opts.limit + 1, after: opts.after })
      const items = rows.slice(0, opts.limit).map(presentPageRow)
      const last = rows.length > opts.limit ? rows[opts.limit - 1]! : null
      const total = opts.after !== undefined ? null : rows.length <= opts.limit ? { count: rows.length, exact: true } : await search.total(filter)
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
        requestId: job.requestId,
        submittedAt: job.submittedAt === null ? null : new Date(job.submittedAt).toISOString(),
        finishedAt: job.finishedAt === null ? null : new Date(job.finishedAt).toISOString(),
        estimatedCostUsd: estimateCostUsd(job.model as ModelId, Number(params.num_images ?? 1)),
      }
    },

    /** Applies one action to many images; deletes can be undone until `undoUntil`. */
    async bulk(action: BulkAction): Promise<{ affected: number; undoUntil: string | null }> {
      const now = Date.now()
      const none = { undoUntil: null }
      switch (action.action) {
        case 'favourite':
        case 'unfavourite':
          return { affected: await gallery.setFavourite(action.ids, action.action === 'favourite'), ...none }
        case 'delete':
          return { affected: await gallery.softDelete(action.ids, now), undoUntil: new Date(now + options.undoMs).toISOString() }
        case 'restore':
          return { affected: await gallery.restore(action.ids), ...none }
        case 'add-to-collection':
        case 'remove-from-collection': {
          if (!(await gallery.getCollection(action.collectionId)))
            throw new NotFound('No collection with this id', { collectionId: 'No collection with this id' })
          const affected =
            action.action === 'add-to-collection'
              ? await gallery.addToCollection(action.collectionId, action.ids, now)
              : await gallery.removeFromCollection(action.collectionId, action.ids)
          return { affected, ...none }
        }
      }
    },

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
      if (!row) return null
      const bytes = await store.read('file', row.image.fileName)
      if (!bytes) return null
      const { image, job } = row
      const payload = {
        app: 'darkroom' as const,
        model: job.model as ModelId,
        params: job.params,
        requestId: job.requestId,
        createdAt: new Date(image.createdAt).toISOString(),
      }
      return {
        bytes: embedParameters(bytes, image.mimeType, payload, image),
        mimeType: image.mimeType,
        fileName: downloadName(job.prompt, job.seed, image.index, image.fileName),
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
