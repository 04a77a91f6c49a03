// `npm run backup` copies a running Darkroom's data: the database and every image, consistently.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { startStack, type Stack } from '../harness'

let stack: Stack
const dest = path.join(mkdtempSync(path.join(os.tmpdir(), 'darkroom-backup-')), 'copy')
afterAll(async () => {
  await stack?.close()
  rmSync(path.dirname(dest), { recursive: true, force: true })
})

describe('backups', () => {
  it('copies the database and images while the server runs', async () => {
    stack = await startStack()
    const job = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'worth keeping' })).id)
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', dest], { env: { ...process.env, DATA_DIR: stack.dataDir } })
    const copy = new Database(path.join(dest, 'darkroom.db'), { readonly: true })
    expect(copy.prepare('select id from images').all()).toEqual([{ id: job.images[0]!.id }])
    copy.close()
    expect(readdirSync(path.join(dest, 'images'))).toEqual([`${job.images[0]!.id}.png`])
    expect(readdirSync(path.join(dest, 'thumbs'))).toEqual([`${job.images[0]!.id}.webp`])
  })
})
