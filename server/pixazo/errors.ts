// What went wrong upstream, in the vendor's words, and what the user can do about it.
import type { JobError } from '../../shared/api'

/** The gateway answered with a non-2xx status. */
export class PixazoHttpError extends Error {
  constructor(
    readonly status: number,
    /** The most specific text the vendor sent, verbatim. */
    readonly vendorMessage: string,
    readonly retryAfterSeconds: number | null,
  ) {
    super(`Pixazo answered ${status}: ${vendorMessage}`)
  }
}

/** The gateway could not be reached, or its answer could not be read. */
export class PixazoNetworkError extends Error {
  constructor(
    message: string,
    /** True when the request certainly never reached the gateway (nothing can have been charged). */
    readonly notSent: boolean,
  ) {
    super(message)
  }
}

/** The gateway answered 2xx with a body that breaks the documented contract. */
export class PixazoProtocolError extends Error {
  constructor(
    message: string,
    /** True when asking again cannot help (an answer over the size limit). */
    readonly final = false,
  ) {
    super(message)
  }
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'])

export function toNetworkError(err: unknown, what: string): PixazoNetworkError {
  const cause = (err as { cause?: { code?: string } })?.cause
  const code = cause?.code ?? (err as { name?: string })?.name ?? 'unknown'
  return new PixazoNetworkError(`${what}: ${code}`, NOT_SENT_CODES.has(code))
}

/** Error bodies vary (`error`, `message`, both, or text): keep the most specific words present. */
export function vendorMessageOf(body: unknown, fallback: string): string {
  if (typeof body === 'string') return body.trim() || fallback
  if (body && typeof body === 'object') {
    const { error, message } = body as { error?: unknown; message?: unknown }
    const e = typeof error === 'string' ? error : undefined
    const m = typeof message === 'string' ? message : undefined
    if (e && m && e !== m) return `${e}: ${m}`
    if (m ?? e) return (m ?? e)!
  }
  return fallback
}

const ACTIONS: Record<number, string> = {
  400: 'Pixazo refused these parameters. Adjust them and generate again.',
  401: 'The Pixazo API key is wrong or revoked. Check PIXAZO_API_KEY and restart Darkroom.',
  402: 'Your Pixazo balance is too low. Top up your Pixazo wallet, then generate again.',
  403: 'This key has no access to this model. Check your Pixazo subscription.',
  404: 'Pixazo does not know this request. Generate again if you still need the image.',
  422: 'Pixazo rejected the content. Change the prompt and generate again.',
  429: 'Pixazo is rate-limiting this key. Wait a minute, then generate again.',
}

/** Turns any upstream failure into what the job shows: the vendor's words and a next step. */
export function describeUpstreamError(err: unknown): JobError {
  if (err instanceof PixazoHttpError) {
    const action =
      ACTIONS[err.status] ?? (err.status >= 500 ? 'Pixazo had a server error. Try again in a few minutes.' : 'Check the request and try again.')
    return { code: `http_${err.status}`, message: err.vendorMessage, action }
  }
  if (err instanceof PixazoNetworkError) {
    return {
      code: 'network',
      message: err.message,
      action: 'Could not reach Pixazo. Check the network and PIXAZO_BASE_URL, then try again.',
    }
  }
  const message = err instanceof Error ? err.message : String(err)
  return { code: 'protocol', message, action: 'Pixazo sent an answer Darkroom cannot read. Try again later.' }
}

export function describeModelFailure(kind: 'FAILED' | 'ERROR', vendorMessage: string | null): JobError {
  return kind === 'FAILED'
    ? {
        code: 'FAILED',
        message: vendorMessage ?? 'The model failed without a message.',
        action: 'Change the prompt or settings, then generate again.',
      }
    : {
        code: 'ERROR',
        message: vendorMessage ?? 'Pixazo reported a system error without a message.',
        action: 'A system error on Pixazo’s side (not charged). Generate again.',
      }
}
