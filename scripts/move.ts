// npm run move -- --database postgres://… --storage s3://bucket/prefix [--from ./data]
// Copies this install (SQLite + files in DATA_DIR) into PostgreSQL and/or an S3-compatible bucket,
// then checks row counts, spend totals and every object's SHA-256. Safe to run again: it resumes.
// Stop Darkroom first. Bucket credentials come from the usual AWS_* variables (see the README).
import { parseArgs } from 'node:util'
import { parseEnv } from '../server/env'
import { moveInstall } from './move/index'

const { values } = parseArgs({
  options: { database: { type: 'string' }, storage: { type: 'string' }, from: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
})

if (values.help || (!values.database && !values.storage)) {
  console.log('Usage: npm run move -- [--database postgres://user:pass@host/db] [--storage s3://bucket/prefix] [--from DATA_DIR]')
  process.exit(values.help ? 0 : 2)
}

const number = (n: number) => n.toLocaleString('en-US')
let last = 0
/** At most a line a second, and always the last one of a table or folder. */
const every = (line: string, done: boolean) => {
  if (!done && Date.now() - last < 1000) return
  last = Date.now()
  console.log(line)
}

try {
  // The same checks and messages as Darkroom's own settings.
  const env = parseEnv({ ...process.env, DATABASE_URL: values.database, STORAGE_URL: values.storage, DATA_DIR: values.from ?? process.env.DATA_DIR })
  console.log(`Moving ${env.dataDir}${values.database ? ' → PostgreSQL' : ''}${values.storage ? ` → ${values.storage}` : ''}`)
  const report = await moveInstall({
    dataDir: env.dataDir,
    databaseUrl: env.databaseUrl,
    storage: env.storage,
    onTable: (p) => every(`  ${p.table}: ${number(p.copied)} / ${number(p.total)} rows`, p.copied === p.total),
    onBlobs: (p) => every(`  ${p.folder} ${number(p.seen)} files seen, ${number(p.copied)} copied`, false),
    onCheck: (n) => every(`  checked ${number(n)} files`, false),
  })
  for (const t of report.tables)
    console.log(`${t.table.padEnd(18)} ${number(t.rows).padStart(10)} rows, ${number(t.inserted)} new, ${number(t.destination)} there`)
  if (report.spendMismatch.length) console.log(`Spend totals differ: ${report.spendMismatch.slice(0, 5).join('; ')}`)
  if (report.blobs) {
    const b = report.blobs
    console.log(`files: ${number(b.objects)}, ${number(b.copied)} copied; ${b.missing.length} missing, ${b.different.length} different`)
    for (const key of [...b.missing, ...b.different].slice(0, 10)) console.log(`  ${key}`)
  }
  console.log(
    report.ok ? 'Moved and checked. Start Darkroom with the new settings.' : 'The check failed: run the move again; it copies what is missing.',
  )
  process.exit(report.ok ? 0 : 1)
} catch (err) {
  console.error((err as Error).message)
  process.exit(1)
}
