// The SQLite connection keeps compiled statements for reuse (connection.ts): the same SQL text must
// still answer the way each caller asks, whatever mode the last caller left the statement in.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../server/db/sqlite/connection'
import { queueState } from '../../../server/db/sqlite/schema'

let dir: string
let db: Db

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-statements-'))
  db = openDatabase(path.join(dir, 'darkroom.db'))
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('kept SQLite statements', () => {
  it('hands the same compiled statement back for the same SQL, in its plain mode again', () => {
    const sqlite = db.$client
    const text = 'select ? as a, ? as b'
    const first = sqlite.prepare(text)
    expect(first.raw(true).get(1, 2)).toEqual([1, 2])
    const again = sqlite.prepare(text)
    expect(again).toBe(first)
    expect(again.get(1, 2)).toEqual({ a: 1, b: 2 })
    expect(sqlite.prepare(text).pluck(true).get(3, 4)).toBe(3)
    expect(sqlite.prepare(text).get(3, 4)).toEqual({ a: 3, b: 4 })
  })

  it('answers drizzle queries run many times with rows, not stale ones', () => {
    db.insert(queueState).values({ id: 1, paused: false, changedAt: 1 }).onConflictDoNothing().run()
    for (let at = 2; at < 6; at++) {
      db.update(queueState).set({ changedAt: at }).where(eq(queueState.id, 1)).run()
      expect(db.select().from(queueState).where(eq(queueState.id, 1)).get()).toMatchObject({ changedAt: at })
      expect(db.$client.prepare('select changed_at from queue_state where id = 1').get()).toEqual({ changed_at: at })
    }
  })

  it('keeps a bounded number, compiling again what fell out', () => {
    const sqlite = db.$client
    const first = sqlite.prepare('select 0 as n')
    for (let i = 1; i <= 300; i++) expect(sqlite.prepare(`select ${i} as n`).get()).toEqual({ n: i })
    const later = sqlite.prepare('select 0 as n')
    expect(later).not.toBe(first)
    expect(later.get()).toEqual({ n: 0 })
  })
})
