// Where image bytes live: files in DATA_DIR (disk-store.ts) or an S3-compatible bucket (s3-store.ts),
// chosen by STORAGE_URL. Keys are `<folder>/<name>` (`images/job1-0.png`, `thumbs/job1-0.webp`), one
// level deep. Everything that reads, writes, deletes or lists image bytes goes through this interface.
import type { Readable } from 'node:stream'

/** Bytes `start` to `end`, both included, as in an HTTP Range header. */
export type ByteRange = { start: number; end?: number }

/** `size` is the bytes in `body` (the range's length when one was asked); `total` the whole object's. */
export type BlobObject = { body: Readable; size: number; total: number }

/** A page of keys in the store's order; `cursor` is null on the last page. */
export type BlobPage = { keys: string[]; cursor: string | null }

export type BlobStore = {
  readonly kind: 'disk' | 's3'
  /** Writes all of `data` under `key` or nothing: a reader never sees half an object. Replaces an existing one. */
  put(key: string, data: Buffer | Readable, contentType: string): Promise<void>
  /** The object's bytes, or null when there is no such key. */
  get(key: string, range?: ByteRange): Promise<BlobObject | null>
  head(key: string): Promise<{ size: number } | null>
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>
  /** Keys under `prefix` (a folder, ending in "/"), `limit` at a time; pass the returned cursor for the next page. */
  list(prefix: string, cursor: string | null, limit?: number): Promise<BlobPage>
  /** Throws when the store cannot be reached; cheap enough for every health check. */
  ping(): Promise<void>
  close(): void
}

/** A range that starts past the object's end (HTTP 416). */
export class RangeNotSatisfiable extends Error {}

/** `images/x.png`: one folder, one name, nothing that could climb out of the store. */
export function checkKey(key: string) {
  if (!/^[A-Za-z0-9_-]+\/[A-Za-z0-9_.-]+$/.test(key) || key.endsWith('/.') || key.endsWith('/..')) throw new Error(`Not a storage key: ${key}`)
  return key
}

export function checkPrefix(prefix: string) {
  if (!/^[A-Za-z0-9_-]+\/$/.test(prefix)) throw new Error(`Not a storage folder: ${prefix}`)
  return prefix
}
