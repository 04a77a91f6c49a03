// Blobs as files in DATA_DIR, in the layout Darkroom has always used (images/, thumbs/), so an existing
// install needs no migration. Every write goes to tmp/ first and is renamed into place, so a crash never
// leaves half a file; what a crash left in tmp/ is dropped when the store opens.
import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream, mkdirSync, readdirSync, rmSync, type Dir } from 'node:fs'
import { access, constants, mkdir, opendir, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { checkKey, checkPrefix, RangeNotSatisfiable, type BlobStore } from './blob-store'

/** A listing nobody asked to continue for this long is closed. */
const CURSOR_IDLE_MS = 5 * 60_000

type Listing = { dir: Dir; prefix: string; timer?: NodeJS.Timeout }

/** `writeFile` is replaceable so tests can play a full disk, which cannot be made for real here. */
export function createDiskStore(root: string, io: { writeFile?: typeof writeFile } = {}): BlobStore {
  const write = io.writeFile ?? writeFile
  const tmp = path.join(root, 'tmp')
  mkdirSync(tmp, { recursive: true })
  for (const name of readdirSync(tmp)) rmSync(path.join(tmp, name), { force: true })
  const made = new Set<string>()
  const fileOf = (key: string) => path.join(root, checkKey(key))

  // A directory listing streams from an open handle, so a page costs the same in a folder of a million
  // files; the cursor names the handle.
  const listings = new Map<string, Listing>()
  const closeListing = (cursor: string) => {
    const listing = listings.get(cursor)
    if (!listing) return
    listings.delete(cursor)
    clearTimeout(listing.timer)
    void listing.dir.close().catch(() => {})
  }

  return {
    kind: 'disk',

    async put(key, data) {
      const file = fileOf(key)
      const dir = path.dirname(file)
      if (!made.has(dir)) {
        await mkdir(dir, { recursive: true })
        made.add(dir)
      }
      const part = path.join(tmp, `${randomUUID()}.part`)
      try {
        if (Buffer.isBuffer(data)) await write(part, data)
        else await pipeline(data as Readable, createWriteStream(part))
        await rename(part, file)
      } catch (err) {
        await rm(part, { force: true })
        throw err
      }
    },

    async get(key, range) {
      const file = fileOf(key)
      const info = await stat(file).catch(() => null)
      if (!info?.isFile()) return null
      if (!range) return { body: createReadStream(file), size: info.size, total: info.size }
      if (range.start >= info.size) throw new RangeNotSatisfiable(`${key} has ${info.size} bytes; the range starts at ${range.start}`)
      const end = Math.min(range.end ?? info.size - 1, info.size - 1)
      return { body: createReadStream(file, { start: range.start, end }), size: end - range.start + 1, total: info.size }
    },

    async head(key) {
      const info = await stat(fileOf(key)).catch(() => null)
      return info?.isFile() ? { size: info.size } : null
    },

    async delete(key) {
      await rm(fileOf(key), { force: true })
    },

    async list(prefix, cursor, limit = 1000) {
      let listing: Listing
      if (cursor) {
        const open = listings.get(cursor)
        if (open?.prefix !== prefix) throw new Error('This listing has expired; start again without a cursor')
        clearTimeout(open.timer)
        listings.delete(cursor)
        listing = open
      } else {
        const dir = await opendir(path.join(root, checkPrefix(prefix)), { bufferSize: Math.min(limit, 1024) }).catch((err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT') return null
          throw err
        })
        if (!dir) return { keys: [], cursor: null }
        listing = { dir, prefix }
        cursor = randomUUID()
      }
      const keys: string[] = []
      try {
        while (keys.length < limit) {
          const entry = await listing.dir.read()
          if (!entry) {
            await listing.dir.close().catch(() => {})
            return { keys, cursor: null }
          }
          if (entry.isFile()) keys.push(prefix + entry.name)
        }
      } catch (err) {
        await listing.dir.close().catch(() => {})
        throw err
      }
      const next = cursor
      listing.timer = setTimeout(() => closeListing(next), CURSOR_IDLE_MS).unref()
      listings.set(next, listing)
      return { keys, cursor: next }
    },

    async ping() {
      await access(root, constants.R_OK | constants.W_OK)
    },

    close() {
      for (const cursor of [...listings.keys()]) closeListing(cursor)
    },
  }
}
