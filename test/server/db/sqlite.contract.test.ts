// The data layer's contract (test/server/db/contract/) on SQLite: a fresh file in a temp dir per test.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, describe } from 'vitest'
import { openSqlite } from '../../../server/db/sqlite'
import type { Data } from '../../../server/db/stores'
import { dataContract } from './contract'

const dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-contract-'))
const opened: Data[] = []
let n = 0
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close()))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('SQLite', () => {
  dataContract(async () => {
    const data = openSqlite(path.join(dir, `${++n}.db`))
    opened.push(data)
    return data
  })
})
