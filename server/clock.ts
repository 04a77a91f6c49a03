// Time as the server's timers see it (the runner, the change notifier). Real by default; tests pass their own and move it on explicitly, so
// deadlines, backoff and retries are checked without waiting for them.
export type TimerHandle = unknown

export type Clock = {
  now(): number
  setTimeout(fn: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
}
