// A counting pass-through between Darkroom and the simulator process: every gateway request's route
// and answer, and when the gateway says each job completed (from the status bodies it returns).
//
// It runs as a process of its own: in the bench's process, which also drives Chromium, a busy moment
// held requests back and let them go together, so the simulator could see Darkroom's evenly paced
// requests bunched. Each request's arrival is stamped here before anything else is done with it, so a
// 429 can be told apart: paced too tightly by Darkroom, or bunched after this hop.
import { fork, type ChildProcess } from 'node:child_process'
import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'

/** One gateway request as the proxy saw it: arrived from Darkroom, answered by the simulator (ms). */
type Seen = {
  method: string
  path: string
  status: number
  arrivedAt: number
  answeredAt: number
  /** A submit's prompt and the request id it was given. */
  submitted?: { prompt: string; requestId: string }
  /** A status answer saying COMPLETED, with its completed_at. */
  completed?: { requestId: string; at: number }
}

type FromProxy = { port: number } | { seen: Seen } | { flushed: number }

export type GatewayLog = {
  url: string
  polls: number
  submits: number
  tooMany: number
  /** prompt → request id, and request id → completed_at (ms). */
  requestIdOf: Map<string, string>
  completedAt: Map<string, number>
  pollsOf: Map<string, number>
  /** Request id → when Darkroom first had an answer saying COMPLETED, and when its images had arrived. */
  seenDoneAt: Map<string, number>
  mediaDoneAt: Map<string, number>
  /** For each 429: how many keyed requests (itself included) had arrived here within its second. */
  tooManyContext: { at: number; arrivalsInSecond: number; gapsMs: number[] }[]
  /** Resolves once every request answered so far has been counted. */
  flush(): Promise<void>
  close(): Promise<void>
}

export async function startCountingProxy(target: { port: number }): Promise<GatewayLog> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [String(target.port)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' })
  const keyed: Seen[] = []
  const log: GatewayLog = {
    url: '',
    polls: 0,
    submits: 0,
    tooMany: 0,
    requestIdOf: new Map(),
    completedAt: new Map(),
    pollsOf: new Map(),
    seenDoneAt: new Map(),
    mediaDoneAt: new Map(),
    tooManyContext: [],
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
  }
  const flushes = new Map<number, () => void>()
  let nextFlush = 0
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`counting proxy exited ${code}`)))
    child.on('message', (m: FromProxy) => {
      if ('port' in m) resolve(m.port)
      else if ('flushed' in m) flushes.get(m.flushed)?.()
      else record(m.seen)
    })
  })

  function record(s: Seen) {
    if (s.path.startsWith('/media/')) {
      log.mediaDoneAt.set(decodeURIComponent(s.path.split('/')[2] ?? ''), s.answeredAt)
      return
    }
    keyed.push(s)
    if (s.status === 429) {
      const within = keyed.filter((k) => k.arrivedAt > s.arrivedAt - 1000 && k.arrivedAt <= s.arrivedAt).map((k) => k.arrivedAt)
      within.sort((a, b) => a - b)
      log.tooMany++
      log.tooManyContext.push({ at: s.arrivedAt, arrivalsInSecond: within.length, gapsMs: within.slice(1).map((t, i) => t - within[i]!) })
    }
    if (s.path.startsWith('/v2/requests/status/')) {
      log.polls++
      const id = decodeURIComponent(s.path.split('/').pop() ?? '')
      log.pollsOf.set(id, (log.pollsOf.get(id) ?? 0) + 1)
    }
    if (s.completed) {
      log.completedAt.set(s.completed.requestId, s.completed.at)
      if (!log.seenDoneAt.has(s.completed.requestId)) log.seenDoneAt.set(s.completed.requestId, s.answeredAt)
    }
    if (s.submitted) {
      log.submits++
      log.requestIdOf.set(s.submitted.prompt, s.submitted.requestId)
    }
  }

  log.url = `http://127.0.0.1:${port}`
  log.flush = () =>
    new Promise<void>((resolve) => {
      const id = nextFlush++
      flushes.set(id, () => {
        flushes.delete(id)
        resolve()
      })
      child.send({ flush: id })
    })
  log.close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.removeAllListeners('exit')
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  return log
}

/** The proxy process itself: forwards to the simulator on argv's port and reports each request. */
function serve(targetPort: number) {
  const report = (m: FromProxy) => process.send!(m)
  const server = createServer((req, res) => {
    const arrivedAt = Date.now()
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const up = httpRequest({ host: '127.0.0.1', port: targetPort, path: req.url, method: req.method, headers: req.headers }, (upRes) => {
        const out: Buffer[] = []
        upRes.on('data', (c: Buffer) => out.push(c))
        upRes.on('end', () => {
          const answer = Buffer.concat(out)
          const seen: Seen = { method: req.method ?? '', path: req.url ?? '', status: upRes.statusCode ?? 0, arrivedAt, answeredAt: Date.now() }
          try {
            if (seen.path.startsWith('/v2/requests/status/')) {
              const json = JSON.parse(answer.toString()) as { status?: string; completed_at?: string | null }
              if (json.status === 'COMPLETED' && json.completed_at)
                seen.completed = { requestId: decodeURIComponent(seen.path.split('/').pop() ?? ''), at: Date.parse(json.completed_at) }
            } else if (seen.method === 'POST' && seen.path.endsWith('-request') && seen.status < 300) {
              const { prompt } = JSON.parse(body.toString()) as { prompt: string }
              seen.submitted = { prompt, requestId: (JSON.parse(answer.toString()) as { request_id: string }).request_id }
            }
          } catch {
            // not JSON: nothing more to record
          }
          res.writeHead(seen.status, upRes.headers)
          res.end(answer)
          report({ seen })
        })
      })
      up.on('error', () => res.writeHead(502).end())
      up.end(body)
    })
  })
  process.on('message', (m: { flush: number }) => report({ flushed: m.flush }))
  process.on('SIGTERM', () => process.exit(0))
  server.listen(0, '127.0.0.1', () => report({ port: (server.address() as AddressInfo).port }))
}

if (process.send && process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) serve(Number(process.argv[2]))
