// `npm run simulator`: flags are checked up front and the listening line is printed.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, onTestFinished } from 'vitest'
import { FlagError, parseFlags } from '../../../server/simulator/cli-flags'
import { FAULT_KINDS, FAULT_ROUTES } from '../../../server/simulator/faults'

const root = fileURLToPath(new URL('../../../', import.meta.url))

function run(args: string[]) {
  // Detached into its own process group: npx does not pass signals on, so the test stops the group.
  const child = spawn('npx', ['tsx', 'server/simulator/cli.ts', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const stop = async () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM')
    await exited
  }
  return { exited, stop, output: () => ({ stdout, stderr }) }
}

describe('simulator CLI', () => {
  it.each([
    [['--port', 'abc'], '--port'],
    [['--balance', '-1'], '--balance'],
    [['--rate-limit', '0'], '--rate-limit'],
    [['--queued-ms', '1.5'], '--queued-ms'],
    [['--colour', 'red'], '--colour'],
    [['--fault-rate', 'status:429=2'], '--fault-rate'],
  ])('exits 1 naming the bad flag for %j', async (args, flag) => {
    const cli = run(args)
    expect(await cli.exited).toBe(1)
    expect(cli.output().stderr).toContain(flag)
  })

  it('prints where it listens and serves the gateway there', async () => {
    const cli = run(['--port', '0', '--key', 'cli-key', '--queued-ms', '0', '--processing-ms', '0'])
    onTestFinished(cli.stop)
    await expect.poll(() => cli.output().stdout).toMatch(/listening on/)
    const match = /Pixazo simulator listening on (http:\/\/127\.0\.0\.1:\d+) \(key: cli-key\)/.exec(cli.output().stdout)
    expect(match).not.toBeNull()
    const res = await fetch(`${match![1]}/z-image-turbo-834/v1/z-image-turbo-request`, {
      method: 'POST',
      headers: { 'Ocp-Apim-Subscription-Key': 'cli-key', 'Content-Type': 'application/json' },
      body: JSON.stringify({ prompt: 'x' }),
    })
    expect(res.status).toBe(202)
  })
})

describe('simulator CLI faults', () => {
  it('--help lists every fault and route and exits 0', async () => {
    const cli = run(['--help'])
    expect(await cli.exited).toBe(0)
    for (const word of [...FAULT_KINDS, ...FAULT_ROUTES, '429-retry-after', '5xx', '--fault-seed', '--slow-ms', '--fail-prompt-regex']) {
      expect(cli.output().stdout).toContain(word)
    }
  })

  it('injects the faults and outcomes its flags ask for', async () => {
    const cli = run([
      '--port',
      '0',
      '--key',
      'k',
      '--queued-ms',
      '0',
      '--processing-ms',
      '0',
      '--fault-rate',
      'legacy:503=1',
      '--fault-rate',
      'status:slow=1',
      '--slow-ms',
      '300',
      '--fail-prompt-regex',
      '^doomed',
    ])
    onTestFinished(cli.stop)
    await expect.poll(() => cli.output().stdout).toMatch(/listening on/)
    expect(cli.output().stdout).toContain('Injecting random faults (seed 1)')
    const origin = /listening on (http:\/\/[^ ]+)/.exec(cli.output().stdout)![1]!
    const headers = { 'Ocp-Apim-Subscription-Key': 'k', 'Content-Type': 'application/json' }
    const submitted = await fetch(`${origin}/z-image-turbo-834/v1/z-image-turbo-request`, {
      method: 'POST',
      headers,
      body: '{"prompt":"Doomed ship"}',
    })
    const { request_id: id } = (await submitted.json()) as { request_id: string }
    const started = Date.now()
    const polled = await fetch(`${origin}/v2/requests/status/${id}`, { headers })
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect(await polled.json()).toMatchObject({ status: 'FAILED', error: 'Prompt failed safety check. Please refine your input.' })
    const legacy = await fetch(`${origin}/z-image-turbo-834/v1/z-image-turbo-request-result`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ request_id: id }),
    })
    expect(legacy.status).toBe(503)
  })
})

describe('parseFlags', () => {
  it('merges repeated and comma-separated --fault-rate items into one set of rates', () => {
    const flags = parseFlags([
      '--fault-rate',
      'status:429=0.3,status:5xx=0.1',
      '--fault-rate',
      'generate:429-retry-after=0.2,status:429=0.25',
      '--fault-seed',
      '9',
      '--slow-ms',
      '50',
      '--retry-after',
      '2',
    ])
    expect(flags.faultRates).toEqual({
      seed: 9,
      slowMs: 50,
      retryAfterSeconds: 2,
      status: { '429': 0.25, '5xx': 0.1 },
      generate: { '429-retry-after': 0.2 },
    })
    expect(parseFlags([]).faultRates).toBeNull()
    expect(parseFlags(['--error-prompt-regex', 'crash']).errorPromptPattern?.test('A CRASH')).toBe(true)
  })

  it.each([
    [['--fault-rate', 'status:429'], '--fault-rate: "status:429" is not route:fault=probability'],
    [['--fault-rate', 'cdn:429=0.1'], '--fault-rate: unknown route "cdn"'],
    [['--fault-rate', 'status:melt=0.1'], '--fault-rate: Unknown fault "melt"'],
    [['--fault-rate', 'media:accept-then-reset=0.1'], '--fault-rate: Fault "accept-then-reset" does not apply to media'],
    [['--fault-rate', 'status:429=0.6,status:5xx=0.6'], '--fault-rate: The status fault rates add up to 1.2'],
    [['--fault-rate', 'status:429=abc'], '--fault-rate: status:429 must be a probability'],
    [['--fault-seed', '1.5'], '--fault-seed must be a whole number'],
    [['--slow-ms', 'x'], '--slow-ms must be a whole number'],
    [['--retry-after', '0.5'], '--retry-after must be a whole number'],
    [['--fail-prompt-regex', '('], '--fail-prompt-regex must be a regular expression'],
    [['--error-prompt-regex', ''], '--error-prompt-regex must be a regular expression'],
  ])('refuses %j naming the flag', (args, message) => {
    expect(() => parseFlags(args)).toThrow(FlagError)
    expect(() => parseFlags(args)).toThrow(message)
  })
})
