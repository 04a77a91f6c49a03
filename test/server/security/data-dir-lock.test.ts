// One server per DATA_DIR, with real processes: a second one on the same folder refuses to start,
// saying which folder and which process, and touches nothing; after the first is killed -9, a new
// one starts at once (the operating system dropped the lock with the process).
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../server-process'

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-lock-'))
const running: ServerProcess[] = []
afterAll(async () => {
  for (const s of running) await s.kill()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Starts a server expected to refuse: resolves with its exit code (null if it started after all, then stopped) and its output. */
function startRefused(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, PORT: '0', DARKROOM_API_ONLY: '1', PIXAZO_API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (c: Buffer) => {
    output += c
    if (output.includes('running at')) child.kill('SIGKILL')
  })
  child.stderr.on('data', (c: Buffer) => (output += c))
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code: output.includes('running at') ? null : code, output })),
  )
}

describe('one server per DATA_DIR', () => {
  it('refuses a second server on the same folder, and lets a new one start after a kill -9', async () => {
    const first = await startServerProcess({ DATA_DIR: dataDir, PIXAZO_API_KEY: '' })
    running.push(first)
    // Files the first server is writing; a second server's start-up check would delete them as orphans.
    mkdirSync(path.join(dataDir, 'images'), { recursive: true })
    const inProgress = [path.join(dataDir, 'images', 'being-downloaded.png'), path.join(dataDir, 'tmp', 'partial-download')]
    for (const file of inProgress) writeFileSync(file, 'half a picture')

    const second = await startRefused({ DATA_DIR: dataDir })
    expect(second.code).toBe(1)
    expect(second.output).toContain(`Another Darkroom (process ${first.child.pid}) is already using DATA_DIR ${dataDir}`)
    expect(second.output).not.toMatch(/running at/)
    for (const file of inProgress) expect(existsSync(file), file).toBe(true)
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200)

    await first.kill('SIGKILL')
    const third = await startServerProcess({ DATA_DIR: dataDir, PIXAZO_API_KEY: '' })
    running.push(third)
    expect((await fetch(`${third.url}/api/health`)).status).toBe(200)
    // A clean stop lets the next one in too.
    await third.kill('SIGTERM')
    const fourth = await startServerProcess({ DATA_DIR: dataDir, PIXAZO_API_KEY: '' })
    running.push(fourth)
    expect((await fetch(`${fourth.url}/api/health`)).status).toBe(200)
  }, 180_000)
})
