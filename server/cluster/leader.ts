// One instance at a time runs the chores that must not run twice (the storage audit, the purge of
// deleted images, the comparison feeder): the one holding a session-level advisory lock on a
// PostgreSQL connection of its own. Others try again every `retryMs`; a leader checks its connection
// as often, and losing it (a dropped connection, a failed check) makes it a follower at once, so the
// lock, released by the server with the session, can pass on. On SQLite the one process is always
// the leader. Decision 026.
import pg from 'pg'
import type { Logger } from '../log'

/** pg_try_advisory_lock key of the leader (distinct from the migration and transaction locks). */
export const LEADER_LOCK = 0x6c656164

export type Chore = () => { stop(): Promise<void> }

export type Leader = {
  isLeader(): boolean
  /**
   * Runs `chore` while this instance leads: started now if it does, or when it becomes the leader,
   * stopped when it stops leading (and on close).
   */
  whileLeader(chore: Chore): void
  close(): Promise<void>
}

/** The one process on SQLite: always the leader. */
export function soleLeader(): Leader {
  const running: ReturnType<Chore>[] = []
  return {
    isLeader: () => true,
    whileLeader: (chore) => void running.push(chore()),
    async close() {
      await Promise.all(running.splice(0).map((r) => r.stop()))
    },
  }
}

export type LeaderOptions = { url: string; log: Logger; retryMs?: number; key?: number }

/** Resolves after the first attempt, so an instance that can lead does so before it serves. */
export async function electLeader(options: LeaderOptions): Promise<Leader> {
  const { log } = options
  const retryMs = options.retryMs ?? 5000
  const key = options.key ?? LEADER_LOCK
  const chores: Chore[] = []
  let running: ReturnType<Chore>[] = []
  let client: pg.Client | undefined
  let leading = false
  let closed = false
  let timer: NodeJS.Timeout | undefined
  let attempt: Promise<void> = Promise.resolve()

  function lead() {
    leading = true
    log.info('this instance is now the leader')
    running = chores.map((chore) => chore())
  }

  async function follow(reason: string) {
    const c = client
    client = undefined
    if (leading) log.warn('this instance is no longer the leader', { reason })
    leading = false
    const stopping = running.splice(0)
    // Ending the session releases the lock, if the server still holds it for us.
    await Promise.all([...stopping.map((r) => r.stop()), c?.end().catch(() => undefined)])
  }

  async function tryOnce() {
    if (closed) return
    if (leading && client) {
      // Still connected, and so still holding the lock?
      try {
        await client.query('select 1')
      } catch (err) {
        await follow(String(err))
      }
      return
    }
    const c = new pg.Client({ connectionString: options.url, application_name: 'darkroom-leader' })
    c.on('error', () => undefined)
    try {
      await c.connect()
      const { rows } = await c.query<{ won: boolean }>('select pg_try_advisory_lock($1) as won', [key])
      if (!rows[0]?.won || closed) {
        await c.end()
        return
      }
    } catch (err) {
      log.warn('could not try for leadership', { error: String(err) })
      await c.end().catch(() => undefined)
      return
    }
    client = c
    c.once('end', () => {
      if (client === c) void follow('connection ended')
    })
    lead()
  }

  function tick() {
    attempt = attempt.then(tryOnce).finally(() => {
      if (!closed) timer = setTimeout(tick, retryMs).unref()
    })
  }

  await tryOnce()
  timer = setTimeout(tick, retryMs).unref()

  return {
    isLeader: () => leading,
    whileLeader(chore) {
      chores.push(chore)
      if (leading) running.push(chore())
    },
    async close() {
      closed = true
      clearTimeout(timer)
      await attempt
      await follow('closing')
    },
  }
}
