// Storage's answer for /api/health. One ping serves every check within `cacheMs`, so a busy health
// endpoint (it is open to everyone) never turns into a stream of requests to the bucket.
import type { Logger } from '../log'
import type { BlobStore } from './blob-store'

export type StorageHealth = 'ok' | 'unreachable'

export function createStorageHealth(blobs: BlobStore, log: Logger, cacheMs = 2000) {
  let last: { at: number; answer: Promise<StorageHealth> } | null = null
  let wasOk = true
  return () => {
    const now = Date.now()
    if (!last || now - last.at >= cacheMs) {
      const answer = blobs.ping().then(
        (): StorageHealth => {
          wasOk = true
          return 'ok'
        },
        (err: unknown): StorageHealth => {
          if (wasOk) log.error('image storage unreachable', { storage: blobs.kind, error: String(err) })
          wasOk = false
          return 'unreachable'
        },
      )
      last = { at: now, answer }
    }
    return last.answer
  }
}
