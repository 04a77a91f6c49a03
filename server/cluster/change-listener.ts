// Hears every instance's changes (PostgreSQL LISTEN on a connection of its own, not a pool's) and
// feeds them to this instance's notifier in the order the database numbered them. When the connection
// drops it reconnects with backoff; changes announced meanwhile are missed, so on every (re)connect
// it reads the newest version and, if it moved on, tells the pages that everything changed. Decision 026.
import pg from 'pg'
import { CHANGE_KINDS, type ChangeKind } from '../../shared/events'
import { CHANGE_CHANNEL } from '../db/postgres/change-store'
import type { ChangeNotifier } from '../events/notifier'
import type { Logger } from '../log'

export type ChangeListenerOptions = {
  url: string
  notifier: ChangeNotifier
  /** The newest version in the database (ChangeStore.current). */
  current: () => Promise<number>
  log: Logger
  /** Reconnect backoff bounds; tests shorten them. */
  retryMs?: { min: number; max: number }
}

/** How the listening connection shows in pg_stat_activity. */
export const LISTENER_NAME = 'darkroom-changes'

const isKind = (k: unknown): k is ChangeKind => (CHANGE_KINDS as readonly unknown[]).includes(k)

/** The payload of one announcement, or null when it is not one of ours. */
function parse(payload: string | undefined): { version: number; kinds: ChangeKind[]; urgent: boolean } | null {
  try {
    const { v, k, u } = JSON.parse(payload ?? '') as { v: unknown; k: unknown; u: unknown }
    const version = Number(v)
    if (!Number.isSafeInteger(version) || !Array.isArray(k)) return null
    return { version, kinds: k.filter(isKind), urgent: u === true }
  } catch {
    return null
  }
}

/** Resolves once listening (so no change after it is missed); keeps listening until `close()`. */
export async function startChangeListener(options: ChangeListenerOptions) {
  const { notifier, log } = options
  const retry = options.retryMs ?? { min: 100, max: 5000 }
  let client: pg.Client | undefined
  let closed = false
  let delay = retry.min
  let timer: NodeJS.Timeout | undefined
  let connected = false

  async function connect() {
    const c = new pg.Client({ connectionString: options.url, application_name: LISTENER_NAME })
    // Errors also end the connection: both are handled by 'end'.
    c.on('error', () => undefined)
    c.on('notification', (message) => {
      if (message.channel !== CHANGE_CHANNEL) return
      const change = parse(message.payload)
      if (change) notifier.record(change.version, change.kinds, change.urgent)
    })
    try {
      await c.connect()
      await c.query(`listen ${CHANGE_CHANNEL}`)
      // Listening first, then the newest version: nothing can fall between the two.
      const newest = await options.current()
      if (newest > notifier.version()) notifier.record(newest, [...CHANGE_KINDS], true)
    } catch (err) {
      await c.end().catch(() => undefined)
      throw err
    }
    if (closed) return void (await c.end().catch(() => undefined))
    client = c
    connected = true
    delay = retry.min
    c.once('end', () => {
      client = undefined
      connected = false
      if (closed) return
      log.warn('change listener lost its database connection; reconnecting')
      again()
    })
  }

  function again() {
    clearTimeout(timer)
    timer = setTimeout(() => {
      connect().catch((err) => {
        log.warn('change listener could not reconnect', { error: String(err), retryMs: delay })
        delay = Math.min(delay * 2, retry.max)
        if (!closed) again()
      })
    }, delay)
    timer.unref()
  }

  await connect()

  return {
    /** True while changes from other instances are being heard. */
    listening: () => connected,
    async close() {
      closed = true
      clearTimeout(timer)
      await client?.end().catch(() => undefined)
    },
  }
}
