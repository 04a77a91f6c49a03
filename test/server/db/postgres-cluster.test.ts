// The test cluster itself: reachable, one empty database per call, and a clear failure without binaries.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { createDatabase, postgresBin } from '../../support/postgres'

describe('the PostgreSQL test cluster', () => {
  it('hands each caller a fresh database of PostgreSQL 15 or later', async () => {
    const [a, b] = await Promise.all([createDatabase(), createDatabase()])
    expect(a).not.toBe(b)
    const client = new pg.Client({ connectionString: a })
    await client.connect()
    try {
      const { rows } = await client.query<{ v: number; tables: number }>(
        `select current_setting('server_version_num')::int as v, (select count(*)::int from pg_tables where schemaname = 'public') as tables`,
      )
      expect(rows[0]!.v).toBeGreaterThanOrEqual(150000)
      expect(rows[0]!.tables).toBe(0)
    } finally {
      await client.end()
    }
  })

  it('fails, naming the package to install, when the binaries are missing', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'no-pg-'))
    expect(() => postgresBin(empty)).toThrow(/apt-get install -y postgresql/)
    expect(() => postgresBin(path.join(empty, 'absent'))).toThrow(/apt-get install -y postgresql/)
  })
})
