// `npm run backup -- <folder>`: a consistent copy of DATA_DIR while Darkroom runs. SQLite's online
// backup copies the database (WAL included) page by page; image files are written once and never
// changed, so copying them afterwards misses nothing the copied database names.
import { cpSync, existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

const dataDir = path.resolve(process.env.DATA_DIR ?? './data')
const target = process.argv[2]
if (!target) {
  console.error('Usage: npm run backup -- <folder>   (DATA_DIR is read from the environment, default ./data)')
  process.exit(1)
}
const dest = path.resolve(target)
if (existsSync(path.join(dest, 'darkroom.db'))) {
  console.error(`${dest} already holds a backup; choose an empty folder`)
  process.exit(1)
}
mkdirSync(dest, { recursive: true })
const db = new Database(path.join(dataDir, 'darkroom.db'), { readonly: true, fileMustExist: true })
await db.backup(path.join(dest, 'darkroom.db'))
db.close()
for (const dir of ['images', 'thumbs']) {
  if (existsSync(path.join(dataDir, dir))) cpSync(path.join(dataDir, dir), path.join(dest, dir), { recursive: true })
}
console.log(`Backed up ${dataDir} to ${dest}`)
if (process.env.STORAGE_URL)
  console.log('STORAGE_URL is set: images live in the bucket, not in DATA_DIR. Back it up with its own tools (versioning, replication, rclone sync).')
