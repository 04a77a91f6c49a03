// A PostgreSQL database from before images carried their prompt's words (migration 0008): at boot its
// images get them, so words still find them, and images arriving afterwards get theirs as they land.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { afterAll, expect, it } from 'vitest'
import { openPostgres } from '../../../../server/db/postgres'
import { parseGalleryQuery } from '../../../../shared/gallery-query'
import { createDatabase } from '../../../support/postgres'
import { oldMigrations } from '../old-migrations'

const dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-pg-upgrade-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const insertJob = (client: pg.Client, id: string, prompt: string, at: number) =>
  client.query(
    `insert into jobs (id, model, prompt, params, status, created_at, updated_at) values ($1, 'ernie-image-turbo', $2, $3, 'completed', $4, $4)`,
    [id, prompt, JSON.stringify({ prompt }), at],
  )
const insertImage = (client: pg.Client, jobId: string, at: number) =>
  client.query(
    `insert into images (id, job_id, idx, file_name, thumb_name, mime_type, width, height, bytes, created_at, model) values ($1, $2, 0, 'f', 't', 'image/png', 1, 1, 1, $3, 'ernie-image-turbo')`,
    [`${jobId}-0`, jobId, at],
  )

it('finds the images of an older database by their words after the upgrade, and new ones as they arrive', async () => {
  const url = await createDatabase()
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await migrate(drizzle(client), { migrationsFolder: oldMigrations(dir, 7, 'postgres') })
    for (const [id, prompt, at] of [
      ['j1', 'an old lighthouse', 1000],
      ['j2', 'a newer lighthouse at dusk', 2000],
      ['j3', 'a fox', 3000],
    ] as const) {
      await insertJob(client, id, prompt, at)
      await insertImage(client, id, at)
    }

    const data = await openPostgres(url)
    try {
      const ids = async (q: string) => (await data.search.page(parseGalleryQuery(q).filter, { sort: 'newest', limit: 10 })).map((r) => r.id)
      expect(await ids('lighthouse')).toEqual(['j2-0', 'j1-0'])
      expect(await ids('"lighthouse at dusk"')).toEqual(['j2-0'])
      expect(await data.search.total(parseGalleryQuery('lighthouse').filter)).toEqual({ count: 2, exact: true })

      // An image stored after the upgrade, by a job whose prompt shares a word.
      await insertJob(client, 'j4', 'a lighthouse in fog', 4000)
      await insertImage(client, 'j4', 4000)
      expect(await ids('lighthouse')).toEqual(['j4-0', 'j2-0', 'j1-0'])
      expect(await ids('fo')).toEqual(['j4-0', 'j3-0'])
    } finally {
      await data.close()
    }
  } finally {
    await client.end()
  }
})
