// Listing, reading and deleting stored images. Pages use a keyset cursor (createdAt, id).
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import type { ImagePage } from '../../shared/api'
import type { ModelId } from '../../shared/catalogue'
import type { Repo } from '../db/repo'
import { presentImage } from '../jobs/present'
import type { ImageStore } from '../storage/image-store'
import { embedParameters } from './embed-metadata'

export const encodeCursor = (c: { createdAt: number; id: string }) => Buffer.from(`${c.createdAt}:${c.id}`).toString('base64url')

export function decodeCursor(cursor: string): { createdAt: number; id: string } | null {
  const [at, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split(':')
  const createdAt = Number(at)
  const id = rest.join(':')
  return Number.isSafeInteger(createdAt) && id ? { createdAt, id } : null
}

/** `darkroom-a-red-fox-in-snow-42-0.png`: readable, safe on every file system. */
export function downloadName(prompt: string, seed: number | null, index: number, fileName: string) {
  const slug = prompt.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48) || 'image'
  return `darkroom-${slug}-${seed ?? 'x'}-${index}${path.extname(fileName)}`
}

export function createImageService(repo: Repo, store: ImageStore) {
  return {
    page(limit: number, cursor: { createdAt: number; id: string } | undefined): ImagePage {
      const rows = repo.pageImages(limit + 1, cursor)
      const items = rows.slice(0, limit).map((r) => presentImage(r.image, r.job))
      const last = rows.length > limit ? rows[limit - 1]!.image : null
      return { items, nextCursor: last ? encodeCursor(last) : null }
    },

    /** Opens an image's file or thumbnail for streaming, or null when either the row or the file is gone. */
    async open(id: string, size: 'file' | 'thumb') {
      const row = repo.getImage(id)
      if (!row) return null
      const file = size === 'file' ? store.filePath(row.image.fileName) : store.thumbPath(row.image.thumbName)
      const info = await stat(file).catch(() => null)
      if (!info) return null
      return {
        body: Readable.toWeb(createReadStream(file)) as ReadableStream,
        bytes: info.size,
        mimeType: size === 'file' ? row.image.mimeType : 'image/webp',
      }
    },

    /** The original with its generation parameters embedded, named for a person's downloads folder. */
    async download(id: string) {
      const row = repo.getImage(id)
      if (!row) return null
      const bytes = await readFile(store.filePath(row.image.fileName)).catch(() => null)
      if (!bytes) return null
      const { image, job } = row
      const payload = { app: 'darkroom' as const, model: job.model as ModelId, params: JSON.parse(job.params), requestId: job.requestId, createdAt: new Date(image.createdAt).toISOString() }
      return {
        bytes: embedParameters(bytes, image.mimeType, payload, image),
        mimeType: image.mimeType,
        fileName: downloadName(job.prompt, job.seed, image.index, image.fileName),
      }
    },

    async remove(id: string) {
      const row = repo.getImage(id)
      if (!row) return false
      repo.deleteImage(id)
      await store.remove(row.image)
      return true
    },
  }
}

export type ImageService = ReturnType<typeof createImageService>
