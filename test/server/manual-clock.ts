// A clock that moves only when the test says so: timers fire in due order as time is advanced.
import type { Clock } from '../../server/clock'

export function manualClock(start = Date.UTC(2026, 0, 1)) {
  let now = start
  let seq = 0
  const timers = new Map<number, { at: number; fn: () => void }>()
  const nextDue = (until: number) => [...timers.entries()].filter(([, t]) => t.at <= until).sort(([a, x], [b, y]) => x.at - y.at || a - b)[0]

  const clock = {
    now: () => now,
    setTimeout(fn: () => void, ms: number) {
      timers.set(++seq, { at: now + Math.max(0, ms), fn })
      return seq
    },
    clearTimeout(handle: unknown) {
      timers.delete(handle as number)
    },
    /** Moves time on by `ms`, firing every timer that falls due on the way, earliest first. */
    advance(ms: number) {
      const until = now + ms
      for (let due = nextDue(until); due; due = nextDue(until)) {
        timers.delete(due[0])
        now = Math.max(now, due[1].at)
        due[1].fn()
      }
      now = until
    },
    /** Timers set and not yet fired or cleared. */
    pending: () => timers.size,
  } satisfies Clock & Record<string, unknown>
  return clock
}
