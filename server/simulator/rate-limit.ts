// A sliding one-second window per API key, like APIM's rate-limit-by-key policy.

export type RateLimiter = { allow(key: string): boolean; clear(): void }

export function createRateLimiter(perSecond: number, now: () => number): RateLimiter {
  const windows = new Map<string, number[]>()
  return {
    allow(key) {
      const at = now()
      const recent = (windows.get(key) ?? []).filter((t) => t > at - 1000)
      const allowed = recent.length < perSecond
      if (allowed) recent.push(at)
      windows.set(key, recent)
      return allowed
    },
    clear: () => windows.clear(),
  }
}
