// An older database's waiting jobs keep their order when queue ranks arrive (migration 0016): oldest
// first, as before, and a job made after the upgrade joins at the end.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { afterAll, expect, it } from 'vitest'
import { openSqlite } from '../../../server/db/sqlite'
import { oldMigrations } from '../db/old-migrations'

const dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-queue-upgrade-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('numbers the waiting jobs of an older database oldest first, and queues new ones after them', async () => {
  const file = path.join(dir, 'darkroom.db')
  const sqlite = new Database(file)
  migrate(drizzle(sqlite), { migrationsFolder: oldMigrations(dir, 15) })
  const insert = sqlite.prepare(
    `insert into jobs (id, model, prompt, params, status, created_at, updated_at) values (?, 'z-image-turbo', ?, '{"prompt":"p"}', ?, ?, ?)`,
  )
  // Inserted out of creation order: rowid order must not leak into the queue.
  for (const [id, status, at] of [
    ['c', 'waiting', 3000],
    ['a', 'waiting', 1000],
    ['done', 'completed', 500],
    ['b', 'waiting', 2000],
  ] as const)
    insert.run(id, `prompt ${id}`, status, at, at)
  sqlite.close()

  const data = openSqlite(file)
  try {
    expect(await data.jobs.waitingOrder()).toEqual(['a', 'b', 'c'])
    // Distinct ranks in creation order (the finished job took 1), not ties broken by the creation time.
    expect((await data.jobs.listWaiting()).map((j) => j.queueRank)).toEqual([2, 3, 4])
    expect(await data.jobs.queueState()).toEqual({ paused: false, changedAt: null })
    await data.jobs.insertJob({
      id: 'new',
      model: 'z-image-turbo',
      prompt: 'p',
      params: { prompt: 'p' },
      status: 'waiting',
      createdAt: 1,
      updatedAt: 1,
    })
    expect(await data.jobs.waitingOrder()).toEqual(['a', 'b', 'c', 'new'])
  } finally {
    await data.close()
  }
})
