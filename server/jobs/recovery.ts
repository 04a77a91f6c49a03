// The check that disk and database agree, as a background audit whose cost does not grow start-up:
// rows are read a page at a time in seq order, folders are listed a page at a time, and the audit
// yields to the event loop between pages. The first pages run before the server listens, so a small
// gallery is fully checked at boot as before; a large one finishes in the background.
// Files no row names are deleted; a row whose original is gone is deleted and its job downloads
// again; a missing thumbnail is made again from the original. Partial writes in tmp/ go at boot.
import { existsSync, rmSync } from 'node:fs'
import { opendir } from 'node:fs/promises'
import path from 'node:path'
import type { JobStore } from '../db/stores'
import type { Logger } from '../log'
import type { ImageStore } from '../storage/image-store'

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
}

/** `<job id>-<index>.<ext>`, as downloads name their files (jobs/download.ts). */
const jobIdOf = (name: string) => name.replace(/-\d+\.\w+$/, '')

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve))

export function startStorageAudit(options: AuditOptions) {
  const { repo, store, log } = options
  const pageSize = options.pageSize ?? 500
  const bootItems = options.bootItems ?? 5000
  const report: ReconcileReport = { orphanFiles: 0, missingOriginals: 0, rebuiltThumbs: 0 }
  let stopped = false
  let checked = 0
  let booted = false
  let markReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => (markReady = resolve))

  /** Between pages: nothing before the server listens, then one event-loop turn. */
  async function pause(items: number) {
    checked += items
    if (booted) await nextTick()
    else if (checked >= bootItems) {
      booted = true
      markReady()
      await nextTick()
    }
  }

  async function checkRows() {
    let after = 0
    for (;;) {
      const rows = await repo.imageFilesAfter(after, pageSize)
      if (rows.length === 0 || stopped) return
      for (const row of rows) {
        if (stopped) return
        if (!existsSync(store.filePath(row.fileName))) {
          // A deleted row's files may be going right now (purge): the purge removes the row too.
          if (row.deletedAt !== null) continue
          report.missingOriginals++
          await repo.deleteImage(row.id)
          rmSync(store.thumbPath(row.thumbName), { force: true })
          if (await repo.transition(row.jobId, ['completed', 'downloading'], 'downloading', { finishedAt: null })) options.onRedownload(row.jobId)
        } else if (!existsSync(store.thumbPath(row.thumbName))) {
          await store.rebuildThumb(row.fileName, row.thumbName)
          report.rebuiltThumbs++
        }
      }
      after = rows.at(-1)!.seq ?? after
      await pause(rows.length)
    }
  }

  /** Lists `dir` a page of names at a time and deletes the ones no row claims. */
  async function checkFiles(dir: string, claimed: (row: { fileName: string; thumbName: string }) => string) {
    const listing = await opendir(dir, { bufferSize: 256 })
    let batch: string[] = []
    const flush = async () => {
      const ids = batch.map((name) => name.slice(0, name.length - path.extname(name).length))
      const rows = await repo.imageFilesByIds(ids)
      const names = new Set(rows.map(claimed))
      for (const name of batch) {
        if (names.has(name)) continue
        // Once the runner runs, a job mid-download has files whose row is not committed yet.
        if (booted && (await repo.getJob(jobIdOf(name)))?.status === 'downloading') continue
        rmSync(path.join(dir, name), { force: true })
        report.orphanFiles++
      }
      const n = batch.length
      batch = []
      await pause(n)
    }
    try {
      for await (const entry of listing) {
        if (stopped) return
        if (!entry.isFile()) continue
        batch.push(entry.name)
        if (batch.length >= pageSize) await flush()
      }
      if (batch.length) await flush()
    } finally {
      await listing.close().catch(() => {})
    }
  }

  store.sweepTmp()
  const done = (async () => {
    try {
      await checkRows()
      await checkFiles(store.dirs.images, (r) => r.fileName)
      await checkFiles(store.dirs.thumbs, (r) => r.thumbName)
      if (report.orphanFiles || report.missingOriginals || report.rebuiltThumbs) log.warn('storage reconciled', report)
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
      await done
    },
  }
}
