// The check that stored files (DATA_DIR or a bucket) and database agree, as a background audit whose
// cost does not grow start-up: rows are read a page at a time in seq order, folders are listed a page
// at a time through the blob store's cursor (never a whole bucket at once), and the audit yields to
// the event loop between pages. The first pages run before the server listens, so a small gallery is
// fully checked at boot as before; a large one finishes in the background.
// Files no row names are deleted; a row whose original is gone is deleted and its job downloads
// again; a missing thumbnail is made again from the original. (Partial writes: see disk-store.ts.)
import path from 'node:path'
import { realClock, type Clock } from '../clock'
import type { JobStore } from '../db/stores'
import type { Logger } from '../log'
import type { BlobPage } from '../storage/blob-store'
import { IMAGE_FOLDERS, imageKey, type ImageSize, type ImageStore } from '../storage/image-store'

export type ReconcileReport = { orphanFiles: number; missingOriginals: number; rebuiltThumbs: number }

export type AuditOptions = {
  repo: JobStore
  store: ImageStore
  log: Logger
  /** A job whose original was lost was set back to `downloading` after the runner had started. */
  onRedownload: (jobId: string) => void
  pageSize?: number
  /** Rows plus file names checked before `ready` resolves (before the server listens). */
  bootItems?: number
  /** After boot, the most of the time the audit may be busy: it rests (1 − share) / share of each page's time. */
  share?: number
  clock?: Clock
}

/** `<job id>-<index>.<ext>`, as downloads name their files (jobs/download.ts). */
const jobIdOf = (name: string) => name.replace(/-\d+\.\w+$/, '')

/**
 * Stat/HEAD requests at a time: a bucket answers each in milliseconds, a disk in microseconds, and
 * on a disk more at once only keep libuv's threads (and the CPU) from the requests being served.
 */
const ROW_CHECKS_AT_ONCE = { s3: 8, disk: 1 } as const

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve))

/** A fifth of the time: at 100k images the audit takes about a minute in the background instead of ten seconds of contention. */
export const AUDIT_SHARE = 0.2

export function startStorageAudit(options: AuditOptions) {
  const { repo, store, log } = options
  const pageSize = options.pageSize ?? 500
  const bootItems = options.bootItems ?? 5000
  const share = options.share ?? AUDIT_SHARE
  const clock = options.clock ?? realClock
  let pageStarted = clock.now()
  /** Ends a rest early (stop). */
  let wake = () => {}
  const report: ReconcileReport = { orphanFiles: 0, missingOriginals: 0, rebuiltThumbs: 0 }
  let stopped = false
  let checked = 0
  let booted = false
  let markReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => (markReady = resolve))

  /** Between pages: nothing before the server listens, then a rest in proportion to the page's time. */
  async function pause(items: number) {
    checked += items
    if (!booted && checked >= bootItems) {
      booted = true
      markReady()
    }
    if (booted) {
      const rest = share >= 1 ? 0 : (clock.now() - pageStarted) * ((1 - share) / share)
      if (rest > 0)
        await new Promise<void>((resolve) => {
          const timer = clock.setTimeout(resolve, rest)
          wake = () => {
            clock.clearTimeout(timer)
            resolve()
          }
        })
      else await nextTick()
      wake = () => {}
    }
    pageStarted = clock.now()
  }

  async function checkRow(row: { id: string; jobId: string; fileName: string; thumbName: string; deletedAt: number | null }) {
    if (!(await store.exists('file', row.fileName))) {
      // A deleted row's files may be going right now (purge): the purge removes the row too.
      if (row.deletedAt !== null) return
      report.missingOriginals++
      await repo.deleteImage(row.id)
      await store.blobs.delete(imageKey('thumb', row.thumbName))
      if (await repo.transition(row.jobId, ['completed', 'downloading'], 'downloading', { finishedAt: null })) options.onRedownload(row.jobId)
    } else if (!(await store.exists('thumb', row.thumbName))) {
      await store.rebuildThumb(row.fileName, row.thumbName)
      report.rebuiltThumbs++
    }
  }

  async function checkRows() {
    let after = 0
    for (;;) {
      const rows = await repo.imageFilesAfter(after, pageSize)
      if (rows.length === 0 || stopped) return
      const atOnce = ROW_CHECKS_AT_ONCE[store.blobs.kind]
      for (let i = 0; i < rows.length; i += atOnce) {
        if (stopped) return
        await Promise.all(rows.slice(i, i + atOnce).map(checkRow))
      }
      after = rows.at(-1)!.seq ?? after
      await pause(rows.length)
    }
  }

  /** Lists a folder of the store a page of keys at a time and deletes the ones no row claims. */
  async function checkFiles(size: ImageSize) {
    const prefix = IMAGE_FOLDERS[size]
    let cursor: string | null = null
    do {
      const page: BlobPage = await store.blobs.list(prefix, cursor, pageSize)
      cursor = page.cursor
      if (stopped) return
      const batch = page.keys.map((key) => key.slice(prefix.length))
      const ids = batch.map((name) => name.slice(0, name.length - path.extname(name).length))
      const rows = await repo.imageFilesByIds(ids)
      const names = new Set(rows.map((r) => (size === 'file' ? r.fileName : r.thumbName)))
      for (const name of batch) {
        if (names.has(name)) continue
        // A job mid-download has files whose row is not committed yet: this runner's once it runs, or
        // another instance's on a shared bucket at any time. Its retry overwrites the same names.
        if ((await repo.getJob(jobIdOf(name)))?.status === 'downloading') continue
        await store.blobs.delete(prefix + name)
        report.orphanFiles++
      }
      await pause(batch.length)
    } while (cursor && !stopped)
  }

  const started = clock.now()
  const done = (async () => {
    try {
      await checkRows()
      await checkFiles('file')
      await checkFiles('thumb')
      if (report.orphanFiles || report.missingOriginals || report.rebuiltThumbs) log.warn('storage reconciled', report)
      if (!stopped && checked > bootItems) log.info('storage audit done', { items: checked, seconds: Math.round((clock.now() - started) / 1000) })
    } catch (err) {
      if (!stopped) log.error('storage audit failed', { error: String(err) })
    } finally {
      booted = true
      markReady()
    }
    return report
  })()

  return {
    /** Resolves once the boot share of the audit is done (all of it, for a small gallery). */
    ready,
    done,
    /** Stops between pages; resolves when the audit no longer touches the database. */
    async stop() {
      stopped = true
      wake()
      await done
    },
  }
}
