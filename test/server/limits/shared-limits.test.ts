// Limits and zip tickets shared by instances. Two Darkroom processes cannot open one DATA_DIR here (its
// lock stops them), so each "instance" is what a process would hold: its own connection to the one
// database file and its own limiter objects. Time is faked where limits are read against it.
import dc from 'node:diagnostics_channel'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { openSqlite, type SqliteData } from '../../../server/db/sqlite'
import { openPostgres } from '../../../server/db/postgres'
import { createContext } from '../../../server/db/postgres/context'
import { createZipTicketStore as createPgZipTicketStore } from '../../../server/db/postgres/zip-ticket-store'
import { createImageService } from '../../../server/images/service'
import { createZipTickets } from '../../../server/images/zip'
import { createLimits } from '../../../server/limits'
import { openLimiter, type LimitStore } from '../../../server/limits/store'
import { createGatewayLimit, slotMs } from '../../../server/limits/gateway'
import { createSignInThrottle } from '../../../server/limits/sign-in'
import { createSubmitLimit } from '../../../server/limits/submits'
import { classifySubmitError } from '../../../server/jobs/policy'
import { createLogger } from '../../../server/log'
import { createPixazoClient } from '../../../server/pixazo/client'
import { PixazoNetworkError } from '../../../server/pixazo/errors'
import { startSimulator } from '../../../server/simulator/serve'
import { createDiskStore } from '../../../server/storage/disk-store'
import { createImageStore } from '../../../server/storage/image-store'
import { createDatabase } from '../../support/postgres'
import { startStack, type Stack } from '../harness'

let dir: string
const open: SqliteData[] = []
/** A fresh database file, and `count` connections to it (one per instance). */
function databases(count: number): SqliteData[] {
  const file = path.join(mkdtempSync(path.join(dir, 'db-')), 'darkroom.db')
  return Array.from({ length: count }, () => {
    const db = openSqlite(file)
    open.push(db)
    return db
  })
}
const instances = (count: number): LimitStore[] => databases(count).map((db) => db.limitStore)

/** A fresh Postgres database (migrated as Darkroom does at boot), and `count` pools to it (one per instance). */
const pools: pg.Pool[] = []
async function postgresPools(count: number) {
  const url = await createDatabase()
  await (await openPostgres(url)).close()
  return Array.from({ length: count }, () => {
    const pool = new pg.Pool({ connectionString: url, max: 4 })
    pools.push(pool)
    return pool
  })
}

const DIALECTS = ['sqlite', 'postgres'] as const
const DIALECT_SETUP = {
  sqlite: {
    instances: async (count: number) => instances(count),
    zipStores: async (count: number) => databases(count).map((db) => db.zipTickets),
  },
  postgres: {
    instances: async (count: number): Promise<LimitStore[]> => (await postgresPools(count)).map((pool) => ({ dialect: 'postgres', pool })),
    zipStores: async (count: number) => (await postgresPools(count)).map((pool) => createPgZipTicketStore(createContext(pool))),
  },
}

/** The keys in the limits table, in order. */
async function keys(store: LimitStore) {
  if (store.dialect === 'sqlite') return store.client.prepare('SELECT key FROM rate_limits ORDER BY key').pluck().all()
  return (await store.pool.query<{ key: string }>('SELECT key FROM rate_limits ORDER BY key')).rows.map((r) => r.key)
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-limits-'))
})
afterEach(() => {
  vi.useRealTimers()
})
afterAll(async () => {
  for (const pool of pools.splice(0)) await pool.end()
  for (const db of open.splice(0)) await db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the gateway rate (PIXAZO_MAX_RPS)', () => {
  it('is a total: two instances together never start more than N requests within any one second', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: 1_000_000 })
    const [a, b] = instances(2).map((store) => createGatewayLimit(store, 4))
    const starts: { at: number; by: string }[] = []
    const all = Promise.all(
      Array.from({ length: 16 }, (_, i) => {
        const [limit, by] = i % 2 ? [a!, 'a'] : [b!, 'b']
        return limit.acquire().then(() => starts.push({ at: Date.now(), by }))
      }),
    )
    while (starts.length < 16) await vi.advanceTimersByTimeAsync(10)
    await all
    const at = starts.map((s) => s.at).sort((x, y) => x - y)
    // Alone, each instance would let 4 through at once; sharing, they take turns one slot apart.
    for (let i = 4; i < at.length; i++) expect(at[i]! - at[i - 4]!).toBeGreaterThanOrEqual(1000)
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(slotMs(4))
    expect(new Set(starts.map((s) => s.by))).toEqual(new Set(['a', 'b']))
    // Waiting is not failing: all 16 went through, at about the rate asked for.
    expect(at.at(-1)! - at[0]!).toBeLessThan(15 * slotMs(4) + 200)
  })

  it('when the database cannot be read, sends nothing and says so, so the submit is safely retried', async () => {
    const sim = await startSimulator({ apiKey: 'pz-limits-key', port: 0 })
    const [db] = databases(1)
    const pixazo = createPixazoClient({
      baseUrl: sim.url,
      apiKey: 'pz-limits-key',
      limiter: createGatewayLimit(db!.limitStore, 4),
    })
    await db!.close()
    try {
      const err = await pixazo.submit('z-image-turbo', { prompt: 'never sent' }).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(PixazoNetworkError)
      expect((err as PixazoNetworkError).notSent).toBe(true)
      expect(classifySubmitError(err)).toBe('retry')
      expect(sim.control.stats().requestsByRoute.generate).toBe(0)
    } finally {
      open.splice(open.indexOf(db!), 1)
      await sim.close()
    }
  })

  it('writes requests a slot apart, even one held back after its turn as a busy event loop holds it', async () => {
    const sim = await startSimulator({ apiKey: 'pz-limits-key', port: 0 })
    const [db] = databases(1)
    // When each request to the simulator went out, as undici reports it.
    const writes: number[] = []
    const record = (message: unknown) => {
      if (String((message as { request: { origin: string } }).request.origin) === new URL(sim.url).origin) writes.push(performance.now())
    }
    dc.subscribe('undici:client:sendHeaders', record)
    let calls = 0
    const pixazo = createPixazoClient({
      baseUrl: sim.url,
      apiKey: 'pz-limits-key',
      limiter: createGatewayLimit(db!.limitStore, 4),
      fetch: async (url, init) => {
        if (calls++ === 0) await new Promise((resolve) => setTimeout(resolve, 2.5 * slotMs(4)))
        return fetch(url, init)
      },
    })
    try {
      await Promise.all(['a', 'b', 'c'].map((id) => pixazo.status('ernie-image', id).catch(() => null)))
      expect(writes).toHaveLength(3)
      // Granted at 0, 300 and 600 ms; the first, held to 750, would have gone out 150 ms after the third.
      for (let i = 1; i < writes.length; i++) expect(writes[i]! - writes[i - 1]!).toBeGreaterThanOrEqual(slotMs(4) - 1)
    } finally {
      dc.unsubscribe('undici:client:sendHeaders', record)
      await sim.close()
    }
  })

  it('keeps whole milliseconds per slot, with a margin over 1 s / N', () => {
    expect(slotMs(4)).toBe(300)
    expect(slotMs(7)).toBe(172)
    for (let n = 1; n <= 200; n++) {
      expect(slotMs(n) * n).toBeGreaterThanOrEqual(1200)
      expect(Number.isInteger((slotMs(n) / 1000) * 1000)).toBe(true)
    }
  })
})

describe.each(DIALECTS)('on %s', (dialect) => {
  const connect = (count: number) => DIALECT_SETUP[dialect].instances(count)
  const zipStores = (count: number) => DIALECT_SETUP[dialect].zipStores(count)

  describe('counting itself', () => {
    it('is atomic: of many consumes racing from two instances for one point, exactly one wins', async () => {
      const [a, b] = (await connect(2)).map((store) => openLimiter(store, { keyPrefix: 'race', points: 1, duration: 60 }))
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => (i % 2 ? a! : b!).consume('one')))
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    })
  })

  describe('zip ticket rows', () => {
    it('are taken once, at either instance, and run out after their time', async () => {
      const [a, b] = await zipStores(2)
      const now = 30_000_000
      await a!.add('fresh', ['img_1', 'img_2'], now + 5 * 60_000, now)
      await a!.add('stale', ['img_3'], now + 5 * 60_000, now)
      const [one, two] = await Promise.all([b!.take('fresh', now + 1000), a!.take('fresh', now + 1000)])
      expect([one, two].filter((x) => x !== null)).toEqual([['img_1', 'img_2']])
      expect(await b!.take('stale', now + 5 * 60_000)).toBeNull()
      expect(await a!.take('stale', now + 6 * 60_000)).toBeNull()
    })
  })

  describe('the submit limit (SUBMITS_PER_MINUTE)', () => {
    it('is per person across instances, says when to try again, and opens again after the minute', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: 5_000_000 })
      const [a, b] = (await connect(2)).map((store) => createSubmitLimit(store, 3))
      expect(await a!.take('password')).toBeNull()
      expect(await b!.take('password')).toBeNull()
      vi.advanceTimersByTime(20_000)
      expect(await a!.take('password')).toBeNull()
      // The fourth, at the other instance, is refused until a minute after the first.
      expect(await b!.take('password')).toBe(40)
      expect(await a!.take('password')).toBe(40)
      // Someone else is not held up.
      expect(await b!.take('token 1')).toBeNull()
      vi.advanceTimersByTime(40_000)
      expect(await b!.take('password')).toBeNull()
    })
  })

  describe('the sign-in slowdown', () => {
    it('counts wrong guesses made at any instance against the one sender', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: 9_000_000 })
      const [a, b] = (await connect(2)).map((store) => createSignInThrottle(store))
      const wrong = () => false
      expect(await a!.attempt('address 203.0.113.9', wrong)).toEqual({ ok: false, retryAfterMs: null })
      expect(await b!.attempt('address 203.0.113.9', wrong)).toEqual({ ok: false, retryAfterMs: null })
      expect(await a!.attempt('address 203.0.113.9', wrong)).toEqual({ ok: false, retryAfterMs: null })
      // Even the right password waits now, wherever it is tried.
      let looked = false
      const right = () => (looked = true)
      expect(await b!.attempt('address 203.0.113.9', right)).toEqual({ ok: false, retryAfterMs: 1000 })
      expect(looked).toBe(false)
      // The owner's browser is another key: never locked out by the stranger.
      expect(await a!.attempt('device owner', right)).toEqual({ ok: true })
      vi.advanceTimersByTime(1000)
      expect(await b!.attempt('address 203.0.113.9', right)).toEqual({ ok: true })
      // A right password forgets the count everywhere.
      expect(await a!.attempt('address 203.0.113.9', wrong)).toEqual({ ok: false, retryAfterMs: null })
    })

    it('looks at a parallel burst of guesses one at a time, so the burst is slowed like a series', async () => {
      const [store] = await connect(1)
      const throttle = createSignInThrottle(store!)
      let looked = 0
      const answers = await Promise.all(Array.from({ length: 8 }, () => throttle.attempt('address 198.51.100.1', () => (looked++, false))))
      expect(looked).toBe(3)
      expect(answers.filter((a) => !a.ok && a.retryAfterMs !== null)).toHaveLength(5)
    })
  })

  describe('pruning', () => {
    it('drops counters an hour after they ran out, and nothing still counting', async () => {
      vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: 20_000_000 })
      const [store] = await connect(1)
      const limits = createLimits(store!, { gatewayPerSecond: 10, submitsPerMinute: 5 })
      await limits.submits.take('password')
      await limits.signIn.attempt('address 203.0.113.9', () => false)
      const rows = () => keys(store!)
      expect(await rows()).toEqual(['sign-in:address 203.0.113.9', 'submits:password'])
      // The submit window ends after a minute, the single wrong guess after another; an hour later both go.
      vi.advanceTimersByTime(60 * 60_000)
      expect(await rows()).toHaveLength(2)
      vi.advanceTimersByTime(10 * 60_000)
      await vi.waitFor(async () => expect(await rows()).toEqual([]))
      limits.close()
    })
  })
})

describe('zip tickets', () => {
  let stack: Stack
  beforeAll(async () => {
    stack = await startStack()
  }, 30_000)
  afterAll(async () => {
    await stack.close()
  })

  it('are redeemable once, at whichever instance the browser reaches', async () => {
    const job = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'a lighthouse in fog', seed: 3, num_inference_steps: 4 })).id)
    const image = job.images[0]!
    // A second instance: its own connection to the same database, and the same image files.
    const db = openSqlite(path.join(stack.dataDir, 'darkroom.db'))
    open.push(db)
    const images = createImageService(db, db.jobs, createImageStore(createDiskStore(stack.dataDir)), {
      undoMs: 60_000,
      log: createLogger({ write: () => {} }),
    })
    const other = createZipTickets(images, db.zipTickets)
    try {
      const issued = await (await stack.api('/api/images/zip', { method: 'POST', json: { ids: [image.id] } })).json()
      const token = /\/api\/downloads\/([\w-]+)\.zip$/.exec(issued.url)![1]!
      const archive = Buffer.from(await new Response(await other.open(token)).arrayBuffer())
      expect(archive.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04')
      expect(archive.includes(Buffer.from('.png'))).toBe(true)
      // Used once: neither instance opens it again.
      expect(await other.open(token)).toBeNull()
      expect((await stack.api(issued.url)).status).toBe(404)

      // And the other way round, racing: exactly one of the two gets the archive.
      const { url } = await other.issue([image.id])
      const [here, there] = await Promise.all([stack.api(url), other.open(/([\w-]+)\.zip$/.exec(url)![1]!)])
      expect([here.status === 200, there !== null].filter(Boolean)).toHaveLength(1)
      await here.body?.cancel()
      await there?.cancel()
    } finally {
      images.close()
    }
  })
})
