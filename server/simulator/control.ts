// What tests can see and steer: recorded traffic, canned faults, the wallet and the accepted key.
import type { ModelId } from '../../shared/catalogue'

export type RecordedRequest = {
  method: string
  path: string
  /** The parsed JSON body, or null when there was none or it was not JSON. */
  body: unknown
  /** Lower-cased header names. */
  headers: Record<string, string>
  at: number
}

export type Submission = {
  requestId: string
  model: ModelId
  body: Record<string, unknown>
  webhookUrl: string | null
}

export type FaultRoute = 'generate' | 'status' | 'legacy' | 'media'
export type CannedResponse = { status: number; body?: unknown; headers?: Record<string, string>; times?: number }

export type SimulatorControl = {
  requests: RecordedRequest[]
  submissions(): Submission[]
  failNext(route: FaultRoute, response: CannedResponse): void
  setBalance(usd: number | null): void
  setApiKey(key: string): void
  /** Forgets recorded requests, submissions, faults and rate-limit windows; keeps jobs. */
  reset(): void
}

export const toMicros = (usd: number) => Math.round(usd * 1e6)

/** The mutable state behind the routes and the control handle. */
export function createControlState(apiKey: string, balanceUsd: number | null) {
  const state = {
    apiKey,
    /** Integer micro-dollars avoid float drift; null means unlimited. */
    balanceMicros: balanceUsd === null ? null : toMicros(balanceUsd),
    requests: [] as RecordedRequest[],
    submissions: [] as Submission[],
    faults: new Map<FaultRoute, Array<CannedResponse & { remaining: number }>>(),
    onReset: [] as Array<() => void>,

    /** Takes the next canned response for a route, if any is queued. */
    takeFault(route: FaultRoute): Response | null {
      const queue = state.faults.get(route)
      const fault = queue?.[0]
      if (!queue || !fault) return null
      fault.remaining -= 1
      if (fault.remaining <= 0) queue.shift()
      const isText = typeof fault.body === 'string'
      const body = fault.body === undefined ? null : isText ? (fault.body as string) : JSON.stringify(fault.body)
      const headers = new Headers(fault.headers)
      if (body !== null && !headers.has('content-type')) {
        headers.set('content-type', isText ? 'text/plain; charset=UTF-8' : 'application/json')
      }
      return new Response(body, { status: fault.status, headers })
    },

    charge(micros: number): boolean {
      if (state.balanceMicros === null) return true
      if (state.balanceMicros < micros) return false
      state.balanceMicros -= micros
      return true
    },

    refund(micros: number) {
      if (state.balanceMicros !== null) state.balanceMicros += micros
    },
  }
  return state
}
export type ControlState = ReturnType<typeof createControlState>

export function controlFor(state: ControlState): SimulatorControl {
  return {
    requests: state.requests,
    submissions: () => [...state.submissions],
    failNext(route, response) {
      const queue = state.faults.get(route) ?? []
      queue.push({ ...response, remaining: response.times ?? 1 })
      state.faults.set(route, queue)
    },
    setBalance(usd) {
      state.balanceMicros = usd === null ? null : toMicros(usd)
    },
    setApiKey(key) {
      state.apiKey = key
    },
    reset() {
      state.requests.length = 0
      state.submissions.length = 0
      state.faults.clear()
      for (const hook of state.onReset) hook()
    },
  }
}
