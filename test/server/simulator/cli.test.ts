// `npm run simulator`: flags are checked up front and the listening line is printed.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, onTestFinished } from 'vitest'

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
  ])('exits 1 naming the bad flag for %j', async (args, flag) => {
    const cli = run(args)
    expect(await cli.exited).toBe(1)
    expect(cli.output().stderr).toContain(flag)
  })

  it('prints where it listens and serves the gateway there', async () => {
    const cli = run(['--port', '0', '--key', 'cli-key', '--queued-ms', '0', '--processing-ms', '0'])
    onTestFinished(cli.stop)
    await expect.poll(() => cli.output().stdout, { timeout: 15_000 }).toMatch(/listening on/)
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
