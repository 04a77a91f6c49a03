// Image files in DATA_DIR: originals in images/, thumbnails (made once, at arrival) in thumbs/.
// Every write goes to tmp/ first and is renamed into place, so a crash never leaves half a file.
import { randomUUID } from 'node:crypto'
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp, { type Metadata } from 'sharp'
import { detectImageType } from './image-type'

export const THUMB_MAX_SIDE = 512

export class NotAnImageError extends Error {}

const makeThumb = (data: Buffer) =>
  sharp(data)
    .rotate()
    .resize({ width: THUMB_MAX_SIDE, height: THUMB_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 78 })
    .toBuffer()

export type StoredImage = { fileName: string; thumbName: string; mimeType: string; width: number; height: number; bytes: number }

/** `writeFile` is replaceable so tests can play a full disk, which cannot be made for real here. */
export function createImageStore(dataDir: string, io: { writeFile?: typeof writeFile } = {}) {
  const write = io.writeFile ?? writeFile
  const dirs = {
    images: path.join(dataDir, 'images'),
    thumbs: path.join(dataDir, 'thumbs'),
    tmp: path.join(dataDir, 'tmp'),
  }
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true })

  async function writeAtomic(dir: string, name: string, data: Buffer) {
    const tmp = path.join(dirs.tmp, `${randomUUID()}.part`)
    try {
      await write(tmp, data)
      await rename(tmp, path.join(dir, name))
    } catch (err) {
      await rm(tmp, { force: true })
      throw err
    }
  }

  return {
    dirs,

    /** Checks the bytes are an image, measures them, and stores the file and its thumbnail under `baseName`. */
    async save(baseName: string, data: Buffer): Promise<StoredImage> {
      const type = detectImageType(data)
      if (!type) throw new NotAnImageError('The downloaded file is not a PNG, JPEG or WebP image')
      let meta: Metadata
      let thumb: Buffer
      try {
        meta = await sharp(data).metadata()
        thumb = await makeThumb(data)
      } catch (err) {
        throw new NotAnImageError(`The downloaded ${type.mime} file is damaged: ${(err as Error).message}`)
      }
      if (!meta.width || !meta.height) throw new NotAnImageError('The downloaded image has no dimensions')
      const fileName = `${baseName}.${type.ext}`
      const thumbName = `${baseName}.webp`
      await writeAtomic(dirs.images, fileName, data)
      await writeAtomic(dirs.thumbs, thumbName, thumb)
      return { fileName, thumbName, mimeType: type.mime, width: meta.width, height: meta.height, bytes: data.length }
    },

    filePath: (fileName: string) => path.join(dirs.images, path.basename(fileName)),
    thumbPath: (thumbName: string) => path.join(dirs.thumbs, path.basename(thumbName)),

    async rebuildThumb(fileName: string, thumbName: string) {
      await writeAtomic(dirs.thumbs, path.basename(thumbName), await makeThumb(await readFile(path.join(dirs.images, path.basename(fileName)))))
    },

    async remove(image: { fileName: string; thumbName: string }) {
      await rm(path.join(dirs.images, path.basename(image.fileName)), { force: true })
      await rm(path.join(dirs.thumbs, path.basename(image.thumbName)), { force: true })
    },

    /** Drops partial writes left by a crash. Cheap: tmp/ holds only in-flight files. */
    sweepTmp() {
      for (const name of readdirSync(dirs.tmp)) rmSync(path.join(dirs.tmp, name), { force: true })
    },
  }
}

export type ImageStore = ReturnType<typeof createImageStore>
