// Moves a one-machine install (SQLite + files in DATA_DIR) to PostgreSQL and/or an S3-compatible bucket.
// Resumable and idempotent: run it again after an interruption and it copies only what is missing.
// The source must not be running: the move holds DATA_DIR's lock, as Darkroom itself does.
import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { lockDataDir } from '../../server/data-dir-lock'
import type { S3Settings } from '../../server/env'
import { openPostgres } from '../../server/db/postgres'
import { createDiskStore } from '../../server/storage/disk-store'
import { createS3Store } from '../../server/storage/s3-store'
import { checkBlobs, copyBlobs, type BlobProgress } from './blobs'
import { checkRows, copyTable, MOVED_TABLES, recountSpend, type TableProgress } from './rows'

export type MoveOptions = {
  /** The install being moved: its darkroom.db and image folders. */
  dataDir: string
  databaseUrl?: string
  storage?: S3Settings
  onTable?: (p: TableProgress) => void
  onBlobs?: (p: BlobProgress) => void
  onCheck?: (objects: number) => void
}

export type MoveReport = {
  tables: { table: string; rows: number; inserted: number; destination: number }[]
  spendMismatch: string[]
  blobs?: { objects: number; copied: number; missing: string[]; different: string[] }
  ok: boolean
}

export async function moveInstall(opts: MoveOptions): Promise<MoveReport> {
  if (!opts.databaseUrl && !opts.storage) throw new Error('Nothing to move to: give --database postgres://… and/or --storage s3://…')
  const lock = lockDataDir(opts.dataDir)
  try {
    const report: MoveReport = { tables: [], spendMismatch: [], ok: true }
    if (opts.databaseUrl) await moveRows(opts, opts.databaseUrl, report)
    if (opts.storage) {
      const from = createDiskStore(opts.dataDir)
      const to = createS3Store(opts.storage)
      try {
        const copy = await copyBlobs(from, to, opts.onBlobs)
        const check = await checkBlobs(from, to, opts.onCheck)
        report.blobs = { ...copy, missing: check.missing, different: check.different }
        if (check.missing.length || check.different.length) report.ok = false
      } finally {
        from.close()
        to.close()
      }
    }
    return report
  } finally {
    lock.release()
  }
}

async function moveRows(opts: MoveOptions, url: string, report: MoveReport) {
  const source = new Database(path.join(opts.dataDir, 'darkroom.db'), { readonly: true, fileMustExist: true })
  // Darkroom's own boot brings the destination's schema up to date (and creates it when empty).
  await (await openPostgres(url, { maxConnections: 1 })).close()
  // Commits wait for their WAL to be flushed even where synchronous_commit is off: vacuum cannot mark a
  // page all-visible while its rows' commits are unflushed (at 100k, 8 of image_collections' 84 pages
  // were marked, those flushed by the time it got there).
  const pool = new pg.Pool({ connectionString: url, max: 1, options: '-c synchronous_commit=on' })
  try {
    const copied = []
    for (const table of MOVED_TABLES) copied.push(await copyTable(source, pool, table, { onProgress: opts.onTable }))
    await recountSpend(pool)
    // Fresh planner statistics, so the gallery's first queries on the new home use its indexes; and
    // the visibility map, without which a count walks the heap as well as its index (0.3 → 1 ms at
    // 100k) until autovacuum comes round, minutes later.
    await pool.query('vacuum (analyze)')
    const check = await checkRows(source, pool)
    report.tables = copied.map((c) => ({ ...c, destination: check.counts.find((n) => n.table === c.table)!.destination }))
    report.spendMismatch = check.spendMismatch
    if (check.spendMismatch.length || report.tables.some((t) => t.destination < t.rows)) report.ok = false
  } finally {
    source.close()
    await pool.end()
  }
}
