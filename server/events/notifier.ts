// One in-process version number for "something the pages show has changed", and the long-polls
// waiting on it. Finished jobs, new images and people's own edits wake waiters at once; mere
// progress (queued → processing, queue positions) is gathered for a moment so a page hears it in
// one answer instead of one per poll of every job. Decision 016.
import type { ChangeKind } from '../../shared/events'

export type Change = { version: number; kinds: ChangeKind[] }
type Waiter = { after: number; resolve: (change: Change | null) => void }

/** How long progress-only changes wait for company before waking the pages. */
export const PROGRESS_COALESCE_MS = 1000
const HISTORY = 256

export function createChangeNotifier(options: { coalesceMs?: number } = {}) {
  const coalesceMs = options.coalesceMs ?? PROGRESS_COALESCE_MS
  let version = 0
  const history: Change[] = []
  const waiters = new Set<Waiter>()
  let progressTimer: NodeJS.Timeout | undefined
  let closed = false

  /** Everything changed after `after`; all kinds when the history no longer reaches back that far. */
  function since(after: number): Change {
    const oldest = history[0]?.version ?? version + 1
    if (after < oldest - 1) return { version, kinds: ['jobs', 'images', 'comparisons'] }
    const kinds = new Set(history.filter((c) => c.version > after).flatMap((c) => c.kinds))
    return { version, kinds: [...kinds] }
  }

  function wake() {
    clearTimeout(progressTimer)
    progressTimer = undefined
    for (const waiter of waiters) {
      if (waiter.after < version) {
        waiters.delete(waiter)
        waiter.resolve(since(waiter.after))
      }
    }
  }

  return {
    version: () => version,

    /** Records a change. `urgent` (a result, a person's edit) wakes waiters now; progress soon. */
    bump(kinds: ChangeKind[], urgent = true) {
      version++
      history.push({ version, kinds })
      if (history.length > HISTORY) history.shift()
      if (urgent || coalesceMs === 0) wake()
      else progressTimer ??= setTimeout(wake, coalesceMs)
    },

    /**
     * What changed after `after`: at once if anything did, else when something does, or null when
     * `signal` aborts (the hold time ran out, or the client left).
     */
    wait(after: number, signal: AbortSignal): Promise<Change | null> {
      if (after < version) return Promise.resolve(since(after))
      if (closed) return Promise.resolve(null)
      return new Promise((resolve) => {
        const waiter: Waiter = { after, resolve }
        waiters.add(waiter)
        signal.addEventListener('abort', () => waiters.delete(waiter) && resolve(null), { once: true })
      })
    },

    /** Waiters now held: for tests and shutdown. */
    waiting: () => waiters.size,

    /** True once closing: long-polls are answered at once and their connections not kept alive. */
    closed: () => closed,

    /** Answers every held long-poll now (with no change), so the server can close without waiting. */
    close() {
      closed = true
      clearTimeout(progressTimer)
      for (const waiter of waiters) waiter.resolve(null)
      waiters.clear()
    },
  }
}

export type ChangeNotifier = ReturnType<typeof createChangeNotifier>
