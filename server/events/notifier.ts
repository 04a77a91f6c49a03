// The version number of "something the pages show has changed", and the long-polls waiting on it.
// Finished jobs, new images and people's own edits wake waiters at once; mere progress (queued →
// processing, queue positions) is gathered for a moment so a page hears it in one answer instead of
// one per poll of every job, and a page may ask for more calm than that: progress alone then waits
// until its calm is over, while a result still answers at once. Decisions 016 and 032; across
// instances, decision 026.
//
// On SQLite the version is counted here. On PostgreSQL `publish` hands each change to the database,
// which numbers it for every instance alike, and the change listener feeds it back through `record`
// (this instance's changes too), so every instance holds the same versions in the same order.
import { CHANGE_KINDS, type ChangeKind } from '../../shared/events'
import { realClock, type Clock, type TimerHandle } from '../clock'

export type Change = { version: number; kinds: ChangeKind[] }
type Waiter = {
  after: number
  /** Progress alone is not answered before this time (ms); a result is. */
  calmUntil: number
  resolve: (change: Change | null) => void
  timer?: TimerHandle
}

export type NotifierOptions = {
  /** How long progress-only changes wait for company; PROGRESS_COALESCE_MS unless a test says. */
  coalesceMs?: number
  /**
   * Where versions start. In memory: now in epoch ms, so a restarted process counts on from past any
   * version the last one gave out and pages holding one hear the next change, not nothing for ages.
   */
  firstVersion?: number
  /** Announces a change to every instance (PostgreSQL); it comes back through `record`. */
  publish?: (kinds: ChangeKind[], urgent: boolean) => Promise<void>
  /** A change that could not be announced (the database is away). */
  onError?: (err: unknown) => void
  /** Time for the calm and coalescing timers; tests pass one they move on themselves. */
  clock?: Clock
}

/** How long progress-only changes wait for company before waking the pages. */
export const PROGRESS_COALESCE_MS = 1000
const HISTORY = 256
const ALL: ChangeKind[] = [...CHANGE_KINDS]

export function createChangeNotifier(options: NotifierOptions = {}) {
  const clock = options.clock ?? realClock
  const coalesceMs = options.coalesceMs ?? PROGRESS_COALESCE_MS
  let version = options.firstVersion ?? clock.now()
  const history: (Change & { urgent: boolean })[] = []
  /** The version of the newest result or edit (or gap): what makes an answer urgent. */
  let lastUrgent = -Infinity
  const waiters = new Set<Waiter>()
  const listeners = new Set<(change: Change) => void>()
  let progressTimer: TimerHandle | undefined
  let closed = false

  /**
   * Everything changed after `after`: all kinds when the history no longer reaches back that far, or
   * when `after` is past this version (a version from another life of the database or process).
   */
  const outOfReach = (after: number) => after < (history[0]?.version ?? version + 1) - 1 || after > version

  function since(after: number): Change {
    if (outOfReach(after)) return { version, kinds: ALL }
    const kinds = new Set(history.filter((c) => c.version > after).flatMap((c) => c.kinds))
    return { version, kinds: [...kinds] }
  }

  /** Whether what changed after `after` includes a result or an edit (or is unknown, so may). */
  const urgentSince = (after: number) => outOfReach(after) || lastUrgent > after

  function answer(waiter: Waiter, change: Change | null) {
    clock.clearTimeout(waiter.timer)
    if (waiters.delete(waiter)) waiter.resolve(change)
  }

  /** Answers a waiter that has news worth it now; progress before its calm is over waits for it. */
  function offer(waiter: Waiter) {
    if (waiter.after >= version) return
    const calm = waiter.calmUntil - clock.now()
    if (calm <= 0 || urgentSince(waiter.after)) return answer(waiter, since(waiter.after))
    waiter.timer ??= clock.setTimeout(() => answer(waiter, since(waiter.after)), calm)
  }

  function wake() {
    clock.clearTimeout(progressTimer)
    progressTimer = undefined
    for (const waiter of waiters) offer(waiter)
  }

  /** Takes in a numbered change; older or repeated versions are already known. */
  function record(at: number, kinds: ChangeKind[], urgent: boolean) {
    if (at <= version) return
    // A gap means announcements were missed (the listener was away): say everything changed.
    const gap = at !== version + 1
    const change = { version: at, kinds: gap ? ALL : kinds }
    version = at
    history.push({ ...change, urgent: urgent || gap })
    if (history.length > HISTORY) history.shift()
    if (urgent || gap) lastUrgent = at
    for (const listener of listeners) listener(change)
    if (urgent || coalesceMs === 0) wake()
    else progressTimer ??= clock.setTimeout(wake, coalesceMs)
  }

  return {
    version: () => version,

    /** Records a change. `urgent` (a result, a person's edit) wakes waiters now; progress soon. */
    async bump(kinds: ChangeKind[], urgent = true): Promise<void> {
      if (!options.publish) return record(version + 1, kinds, urgent)
      try {
        await options.publish(kinds, urgent)
      } catch (err) {
        options.onError?.(err)
      }
    },

    record,

    /**
     * Whether results or edits of every one of `kinds` were recorded after `after`: a route whose
     * edit the job store announced already need not wake the pages a second time.
     */
    announcedSince(after: number, kinds: ChangeKind[]) {
      if (outOfReach(after)) return false
      const announced = new Set(history.filter((c) => c.version > after && c.urgent).flatMap((c) => c.kinds))
      return kinds.every((kind) => announced.has(kind))
    },

    /** Calls `listener` with every change recorded from now on; returns how to stop. */
    onChange(listener: (change: Change) => void) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },

    /**
     * What changed after `after`: at once if anything did, else when something does, or null when
     * `signal` aborts (the hold time ran out, or the client left). With `calmMs`, progress alone is
     * answered no sooner than that long from now; results and edits still are at once.
     */
    wait(after: number, signal: AbortSignal, calmMs = 0): Promise<Change | null> {
      if (after !== version && (calmMs <= 0 || closed || urgentSince(after))) return Promise.resolve(since(after))
      if (closed) return Promise.resolve(null)
      return new Promise((resolve) => {
        const waiter: Waiter = { after, calmUntil: clock.now() + calmMs, resolve }
        waiters.add(waiter)
        signal.addEventListener('abort', () => answer(waiter, null), { once: true })
        offer(waiter)
      })
    },

    /** Waiters now held: for tests and shutdown. */
    waiting: () => waiters.size,

    /** True once closing: long-polls are answered at once and their connections not kept alive. */
    closed: () => closed,

    /** Answers every held long-poll now (with no change), so the server can close without waiting. */
    close() {
      closed = true
      clock.clearTimeout(progressTimer)
      for (const waiter of waiters) answer(waiter, null)
      listeners.clear()
    },
  }
}

export type ChangeNotifier = ReturnType<typeof createChangeNotifier>
