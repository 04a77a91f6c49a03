import { describe, expect, it } from 'vitest'
import { backoffMs, classifySubmitError, DEFAULT_RETRY, isRetryablePollError } from '../../../server/jobs/policy'
import { PixazoHttpError, PixazoNetworkError, PixazoProtocolError } from '../../../server/pixazo/errors'
import { MediaError } from '../../../server/storage/media-fetch'
import { isRetryableDownloadError } from '../../../server/jobs/policy'

const http = (status: number, retryAfter: number | null = null) => new PixazoHttpError(status, 'x', retryAfter)

describe('what a failed submit means for money', () => {
  it.each([
    [http(429), 'retry'],
    [http(500), 'retry'],
    [http(502), 'retry'],
    [http(503), 'retry'],
    [new PixazoNetworkError('POST: ECONNREFUSED', true), 'retry'],
    [http(504), 'uncertain'],
    [new PixazoNetworkError('POST: ECONNRESET', false), 'uncertain'],
    [new PixazoNetworkError('POST: TimeoutError', false), 'uncertain'],
    [new PixazoProtocolError('answer is not JSON'), 'uncertain'],
    [http(400), 'final'],
    [http(401), 'final'],
    [http(402), 'final'],
    [http(403), 'final'],
  ] as const)('%s → %s', (err, verdict) => {
    expect(classifySubmitError(err)).toBe(verdict)
  })

  it('retries every transient poll failure but not a refusal', () => {
    expect([http(429), http(503), new PixazoNetworkError('reset', false), new PixazoProtocolError('bad json')].every(isRetryablePollError)).toBe(true)
    expect([http(400), http(401), http(403), http(404)].some(isRetryablePollError)).toBe(false)
  })

  it('does not retry a download from a host that is not allowed', () => {
    expect(isRetryableDownloadError(new MediaError('Refused to download from https://evil', false))).toBe(false)
    expect(isRetryableDownloadError(new MediaError('HTTP 404'))).toBe(true)
  })
})

describe('backoff', () => {
  it('waits a random time up to an exponentially growing cap (full jitter)', () => {
    const policy = { ...DEFAULT_RETRY, baseMs: 100, capMs: 1000 }
    expect(backoffMs(policy, 1, http(500), () => 1)).toBe(100)
    expect(backoffMs(policy, 3, http(500), () => 1)).toBe(400)
    expect(backoffMs(policy, 10, http(500), () => 1)).toBe(1000)
    expect(backoffMs(policy, 3, http(500), () => 0)).toBe(0)
  })

  it('honours Retry-After', () => {
    expect(backoffMs(DEFAULT_RETRY, 1, http(429, 7), () => 0)).toBe(7000)
    expect(backoffMs(DEFAULT_RETRY, 1, http(429, 7), () => 1)).toBeLessThanOrEqual(7250)
  })
})
