// The one way the browser talks to the server: every non-OK answer becomes an ApiError, and every
// OK body is parsed with the shared schema, so a component never sees data the contract forbids.
import type { z } from 'zod'
import type * as Contract from './contract'

/** The response schemas, fetched once on first use: zod stays out of the first load (decision 029). */
let contract: Promise<typeof Contract> | undefined
const loadContract = () =>
  (contract ??= import('./contract').catch((cause: unknown) => {
    contract = undefined // a chunk that failed to load (a network blip) is asked for again next time
    throw cause
  }))

/** Picks a response schema out of the lazily loaded contract, e.g. `(c) => c.jobSchema`. */
export type SchemaPick<T extends z.ZodType> = (contract: typeof Contract) => T

export class ApiError extends Error {
  readonly status: number
  /** Field name → what is wrong with it, for 400s that name fields. */
  readonly fields: Record<string, string>

  constructor(status: number, message: string, fields: Record<string, string> = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.fields = fields
  }
}

// Whether the last request reached the server: the header says "Server unreachable" instead of the
// mode it last heard, as soon as any request fails to connect, and stops once one gets through.
let reachable = true
const reachabilityListeners = new Set<() => void>()
function setReachable(next: boolean) {
  if (next === reachable) return
  reachable = next
  for (const listener of reachabilityListeners) listener()
}
export const serverReachability = {
  get: () => reachable,
  subscribe: (listener: () => void) => {
    reachabilityListeners.add(listener)
    return () => void reachabilityListeners.delete(listener)
  },
}

/** The sign-in page, asked to come back here afterwards (the server accepts only same-origin paths). */
export const signInHref = (here: string) => (here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`)

async function errorFrom(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null)
  // Without the contract (its chunk failed to load) the status still says what happened.
  const parsed = (await loadContract().catch(() => null))?.apiErrorSchema.safeParse(body)
  if (parsed?.success) return new ApiError(response.status, parsed.data.error.message, parsed.data.error.fields)
  const reason = response.statusText || 'request failed'
  return new ApiError(response.status, `The server answered ${response.status} (${reason}).`)
}

/**
 * Set as the sign-out form is sent: the browser is on its way to the sign-in page, and a request the
 * page makes meanwhile (a live update, a refetch) is refused with 401 once the session is gone. Its
 * own trip to /sign-in?next=… would cancel the form's and land the person back here after signing in.
 */
let signingOut = false
export const markSigningOut = () => {
  signingOut = true
}

/** Sends a request and throws an ApiError unless the answer is OK. */
export async function send(path: string, init?: RequestInit): Promise<Response> {
  let response: Response
  try {
    response = await fetch(path, {
      ...init,
      headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}) },
    })
  } catch (cause) {
    if (init?.signal?.aborted) throw cause
    setReachable(false)
    throw new ApiError(0, 'Cannot reach the Darkroom server. Is it running?')
  }
  setReachable(true)
  // A session that expired (or was signed out elsewhere): to the sign-in page, and back here after.
  if (response.status === 401 && !signingOut && typeof window !== 'undefined' && window.location.pathname !== '/sign-in') {
    window.location.assign(signInHref(window.location.pathname + window.location.search))
  }
  if (!response.ok) throw await errorFrom(response)
  return response
}

/**
 * Sends a request and parses the OK body with `schema`: a pick from the contract (`(c) => c.jobSchema`,
 * keeps zod off the first load) or a schema at hand. The contract loads alongside the request.
 */
export async function sendJson<T extends z.ZodType>(path: string, schema: T | SchemaPick<T>, init?: RequestInit): Promise<z.output<T>> {
  // Asked for before the request, so a first request waits for the slower of the two, not both in turn.
  const parser = typeof schema === 'function' ? loadContract().then(schema) : Promise.resolve(schema)
  parser.catch(() => undefined) // when both fail, the request's error is the one to show
  const response = await send(path, init)
  const body: unknown = await response.json()
  const parsed = (await parser).safeParse(body)
  if (!parsed.success) {
    throw new ApiError(response.status, `The server's answer to ${path} did not match the API: ${parsed.error.issues[0]?.message}`)
  }
  return parsed.data
}
