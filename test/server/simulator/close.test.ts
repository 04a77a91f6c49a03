// close() releases every stuck connection: hung, slow and streaming requests cannot keep a test
// run, or the process, alive.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { completedJob, rejection, requestOn, start } from './support'

describe('close', () => {
  it('returns at once with requests hung and slow, and their clients see the socket close', async () => {
    const sim = await start()
    const job = await completedJob(sim.url)
    sim.control.failNext('status', { kind: 'hang' })
    sim.control.failNext('generate', { kind: 'accept-then-hang' })
    sim.control.failNext('legacy', { kind: 'slow', delayMs: 600_000 })
    sim.control.failNext('media', { kind: 'hang' })
    const before = sim.control.requests.length
    const stuck = (['status', 'generate', 'legacy', 'media'] as const).map((route) => rejection(requestOn(route, sim.url, job)))
    await expect.poll(() => sim.control.requests.length).toBe(before + 4)

    // These requests never end by themselves, so a close() that waited for them would never return.
    await sim.close()
    // Observed: each stuck fetch rejects with TypeError "fetch failed", cause code UND_ERR_SOCKET.
    expect(await Promise.all(stuck)).toEqual(Array(4).fill({ name: 'TypeError', message: 'fetch failed', code: 'UND_ERR_SOCKET' }))
  })

  it('lets the process exit by itself afterwards', { timeout: 60_000 }, async () => {
    const fixture = fileURLToPath(new URL('./fixtures/stuck-then-close.ts', import.meta.url))
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const exit = await new Promise<number | string>((resolve) => {
      // A generous bound, so that only a process kept alive by a stuck socket or timer fails here.
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        resolve('still running after 40 s')
      }, 40_000)
      child.on('exit', (code) => {
        clearTimeout(timer)
        resolve(code ?? 'killed')
      })
    })
    expect({ exit, stderr }).toEqual({ exit: 0, stderr: '' })
    const report = JSON.parse(stdout)
    // The oversized download had its headers (200) before close; the others never had an answer.
    expect(report.stuck).toEqual(['failed UND_ERR_SOCKET', 'failed UND_ERR_SOCKET', 'failed UND_ERR_SOCKET', 'answered 200'])
  })
})
