// The gateway counts requests as they arrive, so what must be a slot apart is each request as written
// to the socket, not the moment the shared limit granted it. A busy event loop can hold a granted
// request back and then write it right behind the next one: 20 submits arriving at once kept the
// server busy ~250 ms, three granted requests left 96 and 156 ms apart, and the gateway answered 429
// (bench, 1 run in ~10 of "20 jobs at once"). Here each request is written only after the one before
// it was, and a slot after that.
//
// The moment a request's headers went out comes from undici's diagnostics channel (Node's fetch). A
// request that never reaches the socket (refused, or a fetch that is not undici's) counts as written
// when its fetch settles, which is later than it was: safe, only slower.
import dc from 'node:diagnostics_channel'
import { performance } from 'node:perf_hooks'

type Pending = { key: string; written: () => void }

/** Requests waiting to be written, of every pacer in the process (the channel is process-wide). */
const pending = new Set<Pending>()

function onHeadersSent(message: unknown) {
  const { request } = message as { request?: { method?: string; origin?: string | URL; path?: string } }
  if (!request) return
  // undici keeps the origin without a trailing slash; a URL object would print one.
  const key = `${request.method} ${String(request.origin).replace(/\/$/, '')}${request.path}`
  for (const p of pending) if (p.key === key) return p.written()
}

let subscribed = false

export type WritePacer = {
  /**
   * Resolves when a request to `url` may be written: the previous one has been, `gapMs` ago. Call the
   * returned function once its fetch has settled (answered or failed).
   */
  turn(method: string, url: string): Promise<() => void>
}

export function createWritePacer(gapMs: number, now: () => number = () => performance.now()): WritePacer {
  if (!subscribed) {
    dc.subscribe('undici:client:sendHeaders', onHeadersSent)
    subscribed = true
  }
  /** When the latest request to take its turn was written; pending until it is. */
  let last: Promise<number> = Promise.resolve(-Infinity)
  return {
    async turn(method, url) {
      const previous = last
      let resolve!: (at: number) => void
      last = new Promise<number>((r) => (resolve = r))
      const self: Pending = {
        key: `${method} ${new URL(url).href}`,
        written: () => {
          pending.delete(self)
          resolve(now())
        },
      }
      const writtenAt = await previous
      // Timers count from the loop's cached clock and may fire a little early: wait until it is really time.
      for (let wait = writtenAt + gapMs - now(); wait > 0; wait = writtenAt + gapMs - now()) await new Promise((r) => setTimeout(r, Math.ceil(wait)))
      pending.add(self)
      return self.written
    },
  }
}
