// The data layer's contract (test/server/db/contract/) on PostgreSQL: a fresh database in this run's
// throwaway cluster (test/support/postgres.ts) per test.
import { afterEach, describe } from 'vitest'
import { openPostgres } from '../../../server/db/postgres'
import type { Data } from '../../../server/db/stores'
import { createDatabase } from '../../support/postgres'
import { dataContract } from './contract'

const opened: Data[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close()))
})

describe('PostgreSQL', () => {
  dataContract(async () => {
    const data = await openPostgres(await createDatabase(), { maxConnections: 5 })
    opened.push(data)
    return data
  })
})
