// The start-up check that disk and database agree, cheap enough for every boot: two directory
// listings and one query. Files no row names are deleted; a row whose original is gone is deleted
// and its job downloads again; a missing thumbnail is made again from the original.
import { existsSync, readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { Repo } from '../db/repo'
import type { Logger } from '../log'
import type { ImageStore } from '../storage/image-store'

export type ReconcileReport = { orphanFiles: number; missingOriginals: number; rebuiltThumbs: number }

export async function reconcileStorage(repo: Repo, store: ImageStore, log: Logger): Promise<ReconcileReport> {
  const report: ReconcileReport = { orphanFiles: 0, missingOriginals: 0, rebuiltThumbs: 0 }
  store.sweepTmp()
  const rows = repo.allImageFiles()
  const originals = new Set(readdirSync(store.dirs.images))
  const thumbs = new Set(readdirSync(store.dirs.thumbs))
  const known = { images: new Set<string>(), thumbs: new Set<string>() }

  for (const row of rows) {
    if (!originals.has(row.fileName)) {
      report.missingOriginals++
      repo.deleteImage(row.id)
      if (existsSync(store.thumbPath(row.thumbName))) rmSync(store.thumbPath(row.thumbName))
      repo.transition(row.jobId, ['completed', 'downloading'], 'downloading', { finishedAt: null })
      continue
    }
    known.images.add(row.fileName)
    known.thumbs.add(row.thumbName)
    if (!thumbs.has(row.thumbName)) {
      await store.rebuildThumb(row.fileName, row.thumbName)
      report.rebuiltThumbs++
    }
  }
  for (const [dir, names, keep] of [
    [store.dirs.images, originals, known.images],
    [store.dirs.thumbs, thumbs, known.thumbs],
  ] as const) {
    for (const name of names) {
      if (keep.has(name)) continue
      rmSync(path.join(dir, name), { force: true })
      report.orphanFiles++
    }
  }
  if (report.orphanFiles || report.missingOriginals || report.rebuiltThumbs) log.warn('storage reconciled at start', report)
  return report
}
