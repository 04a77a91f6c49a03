// `npm run simulator`: a standalone Pixazo-compatible gateway for demos and manual testing.
import { parseArgs } from 'node:util'
import { DEFAULT_TIMING } from './app'
import { startSimulator } from './serve'

const USAGE = `Usage: npm run simulator -- [--port 9100] [--host 127.0.0.1] [--key sim-key]
  [--queued-ms 600] [--processing-ms 1200] [--balance <usd>] [--rate-limit <per second>] [--state <file.json>]`

class FlagError extends Error {}

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

function parseFlags(argv: string[]) {
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
      },
    }).values
  } catch (error) {
    throw new FlagError(error instanceof Error ? error.message : String(error))
  }
  const key = values.key ?? 'sim-key'
  if (key.trim() === '') throw new FlagError('--key must not be empty')
  if (values.host !== undefined && values.host.trim() === '') throw new FlagError('--host must not be empty')
  if (values.state !== undefined && values.state.trim() === '') throw new FlagError('--state must be a file path')
  return {
    port: number('port', values.port, { min: 0, max: 65535, integer: true }) ?? 9100,
    host: values.host ?? '127.0.0.1',
    apiKey: key,
    timing: {
      queuedMs: number('queued-ms', values['queued-ms'], { min: 0, integer: true }) ?? DEFAULT_TIMING.queuedMs,
      processingMs: number('processing-ms', values['processing-ms'], { min: 0, integer: true }) ?? DEFAULT_TIMING.processingMs,
    },
    balanceUsd: number('balance', values.balance, { min: 0, integer: false }) ?? null,
    rateLimitPerSecond: number('rate-limit', values['rate-limit'], { min: 1, integer: true }) ?? null,
    statePath: values.state,
  }
}

async function main() {
  let flags
  try {
    flags = parseFlags(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof FlagError)) throw error
    console.error(`${error.message}\n${USAGE}`)
    process.exit(1)
  }
  const sim = await startSimulator(flags)
  // The simulator's own fake key, printed so a local app can be pointed at it.
  console.log(`Pixazo simulator listening on ${sim.url} (key: ${flags.apiKey})`)
  const stop = () => void sim.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

await main()
