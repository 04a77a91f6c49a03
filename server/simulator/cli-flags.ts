// The flags of `npm run simulator`, checked up front: a bad value stops the run, naming the flag.
import { parseArgs } from 'node:util'
import { DEFAULT_TIMING, type SimulatorOptions } from './app'
import { FAULT_ROUTES } from './faults'
import { parseRateList, type FaultRates } from './fault-rates'

export const USAGE = `Usage: npm run simulator -- [options]
  --port <n>                 port to listen on (default 9100; 0 picks a free one)
  --host <address>           address to listen on (default 127.0.0.1)
  --key <key>                the subscription key it accepts (default sim-key)
  --queued-ms <ms>           how long a job stays QUEUED (default ${DEFAULT_TIMING.queuedMs})
  --processing-ms <ms>       how long a job stays PROCESSING (default ${DEFAULT_TIMING.processingMs})
  --balance <usd>            wallet; 402 once it runs out (default unlimited)
  --rate-limit <n>           requests per second per key before 429 (default none)
  --state <file.json>        keep jobs across restarts
Faults:
  --fault-rate <list>        random faults as route:fault=probability, comma-separated or repeated,
                             e.g. status:429=0.3,status:5xx=0.1,generate:429-retry-after=0.2
                             routes: ${FAULT_ROUTES.join(' ')}
                             faults: 429 429-retry-after 5xx 500 502 503 404 reset hang slow malformed,
                               unknown-status (status, legacy only),
                               truncate wrong-type not-image oversized (media only),
                               accept-then-reset accept-then-hang accept-then-malformed (generate only)
  --fault-seed <n>           seed of the fault draws (default 1): the same seed gives the same faults
  --slow-ms <ms>             how long a "slow" fault waits before answering (default 2000)
  --retry-after <s>          N in a 429's "Try again in N seconds" and Retry-After (default 1)
  --fail-prompt-regex <re>   jobs whose prompt matches (case-insensitive) end FAILED, safety check
  --error-prompt-regex <re>  jobs whose prompt matches (case-insensitive) end ERROR, not charged
  --help                     show this and exit`

export class FlagError extends Error {}

export type CliFlags = SimulatorOptions & { port: number; host: string; apiKey: string; help: boolean }

function number(flag: string, raw: string | undefined, check: { min: number; max?: number; integer: boolean }) {
  if (raw === undefined) return undefined
  const value = Number(raw)
  const ok =
    raw.trim() !== '' &&
    Number.isFinite(value) &&
    (!check.integer || Number.isInteger(value)) &&
    value >= check.min &&
    value <= (check.max ?? Infinity)
  if (!ok) {
    const range = check.max === undefined ? `at least ${check.min}` : `from ${check.min} to ${check.max}`
    throw new FlagError(`--${flag} must be ${check.integer ? 'a whole number' : 'a number'} ${range}, got "${raw}"`)
  }
  return value
}

function regex(flag: string, raw: string | undefined) {
  if (raw === undefined) return undefined
  try {
    if (raw === '') throw new Error('empty')
    return new RegExp(raw, 'i')
  } catch {
    throw new FlagError(`--${flag} must be a regular expression, got "${raw}"`)
  }
}

function faultRates(list: string[], extra: Pick<FaultRates, 'seed' | 'slowMs' | 'retryAfterSeconds'>): FaultRates | null {
  if (list.length === 0) return null
  try {
    // Repeated flags and comma-separated items merge; a later value for the same fault wins.
    return { ...extra, ...parseRateList(list.join(',')) }
  } catch (error) {
    throw new FlagError(`--fault-rate: ${error instanceof Error ? error.message : String(error)}`)
  }
}

export function parseFlags(argv: string[]): CliFlags {
  let values
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        key: { type: 'string' },
        'queued-ms': { type: 'string' },
        'processing-ms': { type: 'string' },
        balance: { type: 'string' },
        'rate-limit': { type: 'string' },
        state: { type: 'string' },
        'fault-seed': { type: 'string' },
        'slow-ms': { type: 'string' },
        'retry-after': { type: 'string' },
        'fail-prompt-regex': { type: 'string' },
        'error-prompt-regex': { type: 'string' },
        'fault-rate': { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
    }).values
  } catch (error) {
    throw new FlagError(error instanceof Error ? error.message : String(error))
  }
  const key = values.key ?? 'sim-key'
  if (key.trim() === '') throw new FlagError('--key must not be empty')
  if (values.host !== undefined && values.host.trim() === '') throw new FlagError('--host must not be empty')
  if (values.state !== undefined && values.state.trim() === '') throw new FlagError('--state must be a file path')
  const whole = (flag: keyof typeof values, min = 0) => number(flag, values[flag] as string | undefined, { min, integer: true })
  return {
    help: values.help === true,
    port: number('port', values.port, { min: 0, max: 65535, integer: true }) ?? 9100,
    host: values.host ?? '127.0.0.1',
    apiKey: key,
    timing: {
      queuedMs: whole('queued-ms') ?? DEFAULT_TIMING.queuedMs,
      processingMs: whole('processing-ms') ?? DEFAULT_TIMING.processingMs,
    },
    balanceUsd: number('balance', values.balance, { min: 0, integer: false }) ?? null,
    rateLimitPerSecond: whole('rate-limit', 1) ?? null,
    statePath: values.state,
    faultRates: faultRates(values['fault-rate'] ?? [], {
      seed: whole('fault-seed'),
      slowMs: whole('slow-ms'),
      retryAfterSeconds: whole('retry-after'),
    }),
    failPromptPattern: regex('fail-prompt-regex', values['fail-prompt-regex']),
    errorPromptPattern: regex('error-prompt-regex', values['error-prompt-regex']),
  }
}
