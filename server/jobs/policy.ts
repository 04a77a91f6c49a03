// Which upstream failures are worth another try, and how long to wait before it.
import { PixazoHttpError, PixazoNetworkError, PixazoProtocolError } from '../pixazo/errors'
import { MediaError } from '../storage/media-fetch'

export type RetryPolicy = {
  /** Full-jitter exponential backoff: a random wait in [0, min(capMs, baseMs × 2^attempt)]. */
  baseMs: number
  capMs: number
  /** Attempts per step before giving up on it. */
  submitAttempts: number
  pollFailures: number
  downloadAttempts: number
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 1000, capMs: 30_000, submitAttempts: 12, pollFailures: 30, downloadAttempts: 5 }

/** How long to wait before attempt `attempt` (1-based), honouring the gateway's Retry-After. */
export function backoffMs(policy: RetryPolicy, attempt: number, err: unknown, random: () => number = Math.random): number {
  const retryAfter = err instanceof PixazoHttpError ? err.retryAfterSeconds : null
  if (retryAfter !== null) return Math.min(retryAfter * 1000, 10 * 60_000) + Math.round(random() * 250)
  return Math.round(random() * Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1)))
}

/**
 * What a failed submit means for money. `retry`: the gateway certainly did not take the job (429,
 * 500/502/503, connection refused). `uncertain`: it may have (a reset or timeout after sending, a 504,
 * an unreadable or oversized 2xx) — never resent on our own. `final`: refused for good (400, 401, 402, 403, …).
 */
export function classifySubmitError(err: unknown): 'retry' | 'uncertain' | 'final' {
  if (err instanceof PixazoHttpError) {
    if (err.status === 504) return 'uncertain'
    return err.status === 429 || err.status >= 500 ? 'retry' : 'final'
  }
  if (err instanceof PixazoNetworkError) return err.notSent ? 'retry' : 'uncertain'
  if (err instanceof PixazoProtocolError) return 'uncertain'
  return 'final'
}

/** A status read costs nothing: every transient failure is worth another try, an oversized answer is not. */
export function isRetryablePollError(err: unknown): boolean {
  if (err instanceof PixazoHttpError) return err.status === 429 || err.status >= 500
  if (err instanceof PixazoProtocolError) return !err.final
  return err instanceof PixazoNetworkError
}

/** The disk is full: not the download's fault; it waits for space instead of counting an attempt. */
export const isDiskFullError = (err: unknown) => ['ENOSPC', 'EDQUOT'].includes((err as NodeJS.ErrnoException | null)?.code ?? '')

/** Downloads are retried (a fresh status read brings fresh URLs) unless trying again cannot help: a
 *  host that is not allowed, a malformed data: URI, a result over the size limit. */
export const isRetryableDownloadError = (err: unknown) => !(err instanceof MediaError) || err.retryable

/** A short reason for the user while a step waits to retry. */
export function retryReason(err: unknown): string {
  if (err instanceof PixazoHttpError) {
    if (err.status === 429) return `Pixazo is rate-limiting (429): ${err.vendorMessage}`
    return `Pixazo answered ${err.status}: ${err.vendorMessage}`
  }
  if (err instanceof PixazoNetworkError) return `Could not reach Pixazo (${err.message})`
  return err instanceof Error ? err.message : String(err)
}
