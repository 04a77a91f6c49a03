// The leader lock on a real PostgreSQL database: one leader at a time, a new one when it closes or
// loses its connection, and chores started and stopped with leadership. Decision 026.
import pg from 'pg'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { electLeader, LEADER_LOCK, soleLeader, type Leader } from '../../../server/cluster/leader'
import { createLogger } from '../../../server/log'
import { createDatabase } from '../../support/postgres'

let url: string
const opened: Leader[] = []
beforeAll(async () => {
  url = await createDatabase()
})
afterEach(async () => {
  await Promise.all(opened.splice(0).map((l) => l.close()))
})

/** A candidate that retries often, and a record of when its chore runs. */
async function candidate(name: string, log: string[], running: Set<string>, overlaps: string[]) {
  const leader = await electLeader({ url, log: createLogger({ write: () => {} }), retryMs: 50 })
  opened.push(leader)
  leader.whileLeader(() => {
    if (running.size > 0) overlaps.push(`${name} started while ${[...running]} ran`)
    running.add(name)
    log.push(`${name} started`)
    return {
      async stop() {
        running.delete(name)
        log.push(`${name} stopped`)
      },
    }
  })
  return leader
}

describe('leader lock', () => {
  it('has exactly one leader, and a new one once it closes, never two running chores at once', async () => {
    const log: string[] = []
    const running = new Set<string>()
    const overlaps: string[] = []
    const a = await candidate('a', log, running, overlaps)
    const b = await candidate('b', log, running, overlaps)
    const c = await candidate('c', log, running, overlaps)
    expect([a, b, c].map((l) => l.isLeader())).toEqual([true, false, false])
    expect(log).toEqual(['a started'])

    await a.close()
    await expect.poll(() => [b, c].filter((l) => l.isLeader()).length, { timeout: 30_000 }).toBe(1)
    const next = b.isLeader() ? b : c
    await next.close()
    const last = next === b ? c : b
    await expect.poll(() => last.isLeader(), { timeout: 30_000 }).toBe(true)

    expect(overlaps).toEqual([])
    const name = last === b ? 'b' : 'c'
    const other = name === 'b' ? 'c' : 'b'
    expect(log).toEqual(['a started', 'a stopped', `${other} started`, `${other} stopped`, `${name} started`])
  })

  it('stops leading when its connection is cut, and the lock passes on', async () => {
    const log: string[] = []
    const running = new Set<string>()
    const a = await candidate('a', log, running, [])
    expect(a.isLeader()).toBe(true)
    const b = await candidate('b', log, running, [])
    expect(b.isLeader()).toBe(false)

    // The database ends the leader's session (a failover, an idle-session kill, a network cut).
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    try {
      const { rows } = await admin.query<{ ended: boolean }>(
        `select pg_terminate_backend(pid) as ended from pg_locks where locktype = 'advisory' and granted and objid = $1`,
        [LEADER_LOCK],
      )
      expect(rows).toEqual([{ ended: true }])
    } finally {
      await admin.end()
    }
    await expect.poll(() => log.includes('a stopped'), { timeout: 30_000 }).toBe(true)
    await expect.poll(() => a.isLeader() !== b.isLeader(), { timeout: 30_000 }).toBe(true)
    expect(running.size).toBe(1)
  })

  it('on SQLite, the one process always leads and its chores stop when it closes', async () => {
    const log: string[] = []
    const leader = soleLeader()
    leader.whileLeader(() => {
      log.push('started')
      return { stop: async () => void log.push('stopped') }
    })
    expect(leader.isLeader()).toBe(true)
    await leader.close()
    expect(log).toEqual(['started', 'stopped'])
  })
})
