// The real server process, killed with SIGKILL while jobs are queued upstream, then started again.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Job } from '../../../shared/api'
import { startSimulator } from '../../../server/simulator/serve'
import { TEST_KEY } from '../harness'

type Sim = Awaited<ReturnType<typeof startSimulator>>
let sim: Sim
let dataDir: string
const output: string[] = []

beforeAll(async () => {
  sim = await startSimulator({ apiKey: TEST_KEY, port: 0, timing: { queuedMs: 2500, processingMs: 200 } })
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-crash-'))
})
afterAll(async () => {
  await sim.close()
  rmSync(dataDir, { recursive: true, force: true })
})

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, PIXAZO_API_KEY: TEST_KEY, PIXAZO_BASE_URL: sim.url, DATA_DIR: dataDir, PORT: '0', DARKROOM_API_ONLY: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 20_000)
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString())
      const url = /running at (http:\/\/\S+)/.exec(output.join(''))?.[1]
      if (url) {
        clearTimeout(timer)
        output.length = 0
        resolve({ child, url })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (c: Buffer) => output.push(c.toString()))
  })
}

const getJob = async (url: string, id: string): Promise<Job> => (await fetch(`${url}/api/jobs/${id}`)).json()

describe('a hard kill while jobs are queued upstream', () => {
  it('completes every job after a restart, each submitted exactly once', async () => {
    const first = await startServer()
    const ids: string[] = []
    for (const model of ['ernie-image-turbo', 'ernie-image', 'z-image-turbo']) {
      const res = await fetch(`${first.url}/api/jobs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ model, params: { prompt: `crash survivor ${model}` } }),
      })
      ids.push(((await res.json()) as Job).id)
    }
    let jobs: Job[] = []
    for (let i = 0; i < 200 && !(jobs.length && jobs.every((j) => j.status === 'queued')); i++) {
      await new Promise((r) => setTimeout(r, 10))
      jobs = await Promise.all(ids.map((id) => getJob(first.url, id)))
    }
    expect(jobs.map((j) => j.status)).toEqual(['queued', 'queued', 'queued'])

    first.child.kill('SIGKILL')
    await new Promise((r) => first.child.once('exit', r))

    const second = await startServer()
    try {
      for (let i = 0; i < 300 && !jobs.every((j) => j.status === 'completed'); i++) {
        await new Promise((r) => setTimeout(r, 50))
        jobs = await Promise.all(ids.map((id) => getJob(second.url, id)))
      }
      expect(jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'completed'])
      expect(jobs.every((j) => j.images.length === 1)).toBe(true)
      expect(sim.control.submissions()).toHaveLength(3)
    } finally {
      second.child.kill('SIGTERM')
      await new Promise((r) => second.child.once('exit', r))
    }
  })
})
