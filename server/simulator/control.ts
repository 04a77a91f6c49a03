// What tests can see and steer: recorded traffic, injected faults, forced outcomes, counters, the
// wallet and the accepted key.
import type { ModelId } from '../../shared/catalogue'
import { createRatePicker, type FaultRates, type RatePicker } from './fault-rates'
import { createFaultQueue, type Fault, type FaultRoute, type TakenFault } from './faults'
import { SAFETY_ERROR, SYSTEM_ERROR, type Job, type JobStore } from './jobs'
import { statsOf, type SimulatorStats } from './stats'

export type { Fault, FaultRoute } from './faults'
export type { FaultRates } from './fault-rates'
export type { SimulatorStats } from './stats'

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
  /** When the job was accepted and when it finishes (it runs upstream in between). */
  at: number
  until: number
}

/** How a job is made to end; `message` defaults to the safety-check text (FAILED) or a system error. */
export type ForcedOutcome = { outcome: 'FAILED' | 'ERROR'; message?: string }

export type SimulatorControl = {
  requests: RecordedRequest[]
  submissions(): Submission[]
  /** Queues a fault for the next `times` (default 1) requests on a route; throws if it cannot happen there. */
  failNext(route: FaultRoute, fault: Fault): void
  /** Random faults from now on, drawn after any queued `failNext` ones; null turns them off. */
  setFaultRates(rates: FaultRates | null): void
  /** Makes a job (or, with 'next', the next accepted one; calls queue up) end FAILED or ERROR. */
  failJob(requestId: string | 'next', outcome: ForcedOutcome): void
  stats(): SimulatorStats
  setBalance(usd: number | null): void
  /** The wallet in USD; null means unlimited. */
  balance(): number | null
  setApiKey(key: string): void
  /** Forgets recorded requests, submissions, queued faults, fault rates, fault counts, pending
   *  failJob('next') outcomes and rate-limit windows; keeps jobs. */
  reset(): void
}

export const toMicros = (usd: number) => Math.round(usd * 1e6)

const ended = ({ outcome, message }: ForcedOutcome): Pick<Job, 'outcome' | 'error'> => {
  if (outcome !== 'FAILED' && outcome !== 'ERROR') throw new Error(`A job can be forced to FAILED or ERROR, not ${outcome}`)
  return { outcome, error: message ?? (outcome === 'FAILED' ? SAFETY_ERROR : SYSTEM_ERROR) }
}

export type OutcomePatterns = { failPrompt?: RegExp; errorPrompt?: RegExp }

/** The mutable state behind the routes and the control handle. */
export function createControlState(apiKey: string, balanceUsd: number | null, patterns: OutcomePatterns = {}) {
  const state = {
    apiKey,
    /** Integer micro-dollars avoid float drift; null means unlimited. */
    balanceMicros: balanceUsd === null ? null : toMicros(balanceUsd),
    requests: [] as RecordedRequest[],
    submissions: [] as Submission[],
    faults: createFaultQueue(),
    rates: null as RatePicker | null,
    faultCounts: new Map<string, number>(),
    nextOutcomes: [] as Array<Pick<Job, 'outcome' | 'error'>>,
    /** Requests answered 429 by the rate limit (not injected faults). */
    rateLimited: 0,
    onReset: [] as Array<() => void>,

    /** The next queued fault for a route, else a random one, else null. */
    takeFault(route: FaultRoute): TakenFault | null {
      return state.faults.take(route) ?? state.rates?.pick(route) ?? null
    },

    countFault(label: string) {
      state.faultCounts.set(label, (state.faultCounts.get(label) ?? 0) + 1)
    },

    /** A forced ending for a job being created now, if any: failJob('next') first, then the patterns. */
    forcedOutcome(prompt: string): Pick<Job, 'outcome' | 'error'> | null {
      const next = state.nextOutcomes.shift()
      if (next) return next
      if (patterns.errorPrompt?.test(prompt)) return ended({ outcome: 'ERROR' })
      if (patterns.failPrompt?.test(prompt)) return ended({ outcome: 'FAILED' })
      return null
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

export function controlFor(state: ControlState, store: JobStore): SimulatorControl {
  return {
    requests: state.requests,
    submissions: () => [...state.submissions],
    failNext: (route, fault) => state.faults.push(route, fault),
    setFaultRates(rates) {
      state.rates = rates === null ? null : createRatePicker(rates)
    },
    failJob(requestId, outcome) {
      const ending = ended(outcome)
      if (requestId === 'next') state.nextOutcomes.push(ending)
      else if (!store.update(requestId, ending)) throw new Error(`No job ${requestId}`)
    },
    stats: () => statsOf({ requests: state.requests, submissions: state.submissions, faults: state.faultCounts, rateLimited: state.rateLimited }),
    setBalance(usd) {
      state.balanceMicros = usd === null ? null : toMicros(usd)
    },
    balance: () => (state.balanceMicros === null ? null : state.balanceMicros / 1e6),
    setApiKey(key) {
      state.apiKey = key
    },
    reset() {
      state.requests.length = 0
      state.submissions.length = 0
      state.faults.clear()
      state.rates = null
      state.faultCounts.clear()
      state.nextOutcomes.length = 0
      state.rateLimited = 0
      for (const hook of state.onReset) hook()
    },
  }
}
