// The real server as its own process (`node --import tsx server/index.ts`), for tests that kill it
// or that must not share an event loop with the simulator measuring it.
import { spawn, type ChildProcess } from 'node:child_process'
import type { Job } from '../../shared/api'

export type ServerProcess = {
  child: ChildProcess
  url: string
  output: string[]
  kill(signal?: NodeJS.Signals): Promise<void>
  createJob(model: string, params: Record<string, unknown>): Promise<Job>
  job(id: string): Promise<Job>
}

export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, PORT: '0', DARKROOM_API_ONLY: '1', SUBMITS_PER_MINUTE: '10000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 60_000)
    child.stderr!.on('data', (c: Buffer) => output.push(c.toString()))
    child.stdout!.on('data', (chunk: Buffer) => {
      output.push(chunk.toString())
      const url = /running at (http:\/\/\S+)/.exec(output.join(''))?.[1]
      if (!url || child.listenerCount('exit') > 0) return
      clearTimeout(timer)
      const exited = new Promise<void>((r) => child.once('exit', () => r()))
      resolve({
        child,
        url,
        output,
        async kill(signal = 'SIGKILL') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal)
          await exited
        },
        async createJob(model, params) {
          const res = await fetch(`${url}/api/jobs`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ model, params }),
          })
          if (res.status !== 201) throw new Error(`POST /api/jobs answered ${res.status}: ${await res.text()}`)
          return res.json()
        },
        job: async (id) => (await fetch(`${url}/api/jobs/${id}`)).json(),
      })
    })
  })
}

/** Reads jobs until `done` holds for all of them. */
export async function waitForJobs(server: ServerProcess, ids: string[], done: (job: Job) => boolean, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs
  for (;;) {
    const jobs = await Promise.all(ids.map((id) => server.job(id)))
    if (jobs.every(done)) return jobs
    if (Date.now() > until) throw new Error(`jobs not done after ${timeoutMs} ms: ${jobs.map((j) => j.status).join(', ')}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

export const TERMINAL = ['completed', 'failed', 'uncertain', 'timed_out', 'cancelled']
