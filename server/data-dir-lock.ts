// One server per DATA_DIR. A second one would take the first one's half-written downloads for
// orphans, delete them, and download the same jobs again. The lock is SQLite's own (an exclusive
// transaction held open on DATA_DIR/darkroom.lock): the operating system drops it when the process
// ends, however it ends (kill -9 included), so a stale lock cannot outlive its owner and there is no
// pid guessing. The pid beside it only makes the refusal say who holds the folder.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

export class DataDirLockedError extends Error {}

export function lockDataDir(dataDir: string) {
  const owner = path.join(dataDir, 'darkroom.pid')
  const lock = new Database(path.join(dataDir, 'darkroom.lock'), { timeout: 0 })
  try {
    lock.exec('BEGIN EXCLUSIVE')
  } catch (err) {
    lock.close()
    if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err
    let holder = 'another process'
    try {
      holder = `process ${Number.parseInt(readFileSync(owner, 'utf8'), 10)}`
    } catch {
      // It has the lock but has not written its pid yet.
    }
    throw new DataDirLockedError(
      `Another Darkroom (${holder}) is already using DATA_DIR ${dataDir}.\n` +
        "  Stop that one first, or give this one its own DATA_DIR: two servers on one folder would delete each other's downloads.",
    )
  }
  writeFileSync(owner, `${process.pid}\n`)
  return {
    release() {
      rmSync(owner, { force: true })
      lock.close()
    },
  }
}
