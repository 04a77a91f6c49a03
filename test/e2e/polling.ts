// What the e2e specs share about a page's polling.
import { expect } from '@playwright/test'

/**
 * Waits (30 s at most) for 2.5 s without a request in `times`. A change landing late (a cancellation,
 * an earlier job finishing) may still wake the page once; a page polling at once a second is never
 * quiet that long.
 */
export async function expectQuiet(times: number[]) {
  await expect.poll(() => Date.now() - (times.at(-1) ?? 0), { timeout: 30_000 }).toBeGreaterThanOrEqual(2500)
}
