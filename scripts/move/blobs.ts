// Copies image files from one blob store to another (DATA_DIR's files into a bucket), folder by folder,
// a listing page at a time. An object already there with the same size is left alone, so a second run
// copies only what is missing; the check then reads both sides and compares SHA-256 digests.
import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import type { BlobStore } from '../../server/storage/blob-store'
import { IMAGE_FOLDERS } from '../../server/storage/image-store'

const FOLDERS = Object.values(IMAGE_FOLDERS)

export type BlobProgress = { folder: string; seen: number; copied: number }

const CONTENT_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' }
const contentType = (key: string) => CONTENT_TYPES[key.split('.').pop()!.toLowerCase()] ?? 'application/octet-stream'

/** Every key under the image folders, a page at a time. */
async function* keysOf(store: BlobStore, folder: string) {
  let cursor: string | null = null
  do {
    const page = await store.list(folder, cursor, 500)
    yield page.keys
    cursor = page.cursor
  } while (cursor)
}

export async function copyBlobs(from: BlobStore, to: BlobStore, onProgress?: (p: BlobProgress) => void) {
  let copied = 0
  let seen = 0
  for (const folder of FOLDERS) {
    for await (const keys of keysOf(from, folder)) {
      for (const key of keys) {
        seen++
        const [source, existing] = await Promise.all([from.head(key), to.head(key)])
        if (!source || existing?.size === source.size) continue
        const object = await from.get(key)
        if (!object) continue // deleted while we looked (a purge on a running source)
        await to.put(key, object.body, contentType(key))
        copied++
      }
      onProgress?.({ folder, seen, copied })
    }
  }
  return { objects: seen, copied }
}

async function digest(store: BlobStore, key: string) {
  const object = await store.get(key)
  if (!object) return null
  const hash = createHash('sha256')
  for await (const chunk of object.body as Readable) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

export type BlobCheck = { objects: number; missing: string[]; different: string[] }

/** Reads every source object and its copy; lists what is missing or differs. */
export async function checkBlobs(from: BlobStore, to: BlobStore, onProgress?: (checked: number) => void): Promise<BlobCheck> {
  const result: BlobCheck = { objects: 0, missing: [], different: [] }
  for (const folder of FOLDERS) {
    for await (const keys of keysOf(from, folder)) {
      for (const key of keys) {
        const [a, b] = await Promise.all([digest(from, key), digest(to, key)])
        if (a === null) continue
        result.objects++
        if (b === null) result.missing.push(key)
        else if (a !== b) result.different.push(key)
      }
      onProgress?.(result.objects)
    }
  }
  return result
}
