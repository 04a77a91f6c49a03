// A counting pass-through between Darkroom and the simulator process: every gateway request's route
// and answer, and when the gateway says each job completed (from the status bodies it returns).
import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'

export type GatewayLog = {
  url: string
  statuses: number[]
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
  close(): Promise<void>
}

export async function startCountingProxy(target: { port: number }): Promise<GatewayLog> {
  const log: Omit<GatewayLog, 'url' | 'close'> = {
    statuses: [],
    polls: 0,
    submits: 0,
    tooMany: 0,
    requestIdOf: new Map(),
    completedAt: new Map(),
    pollsOf: new Map(),
    seenDoneAt: new Map(),
    mediaDoneAt: new Map(),
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const up = httpRequest({ host: '127.0.0.1', port: target.port, path: req.url, method: req.method, headers: req.headers }, (upRes) => {
        const out: Buffer[] = []
        upRes.on('data', (c: Buffer) => out.push(c))
        upRes.on('end', () => {
          const answer = Buffer.concat(out)
          const path = req.url ?? ''
          const status = upRes.statusCode ?? 0
          if (!path.startsWith('/media/')) log.statuses.push(status)
          if (status === 429) log.tooMany++
          const at = Date.now()
          if (path.startsWith('/media/')) log.mediaDoneAt.set(decodeURIComponent(path.split('/')[2] ?? ''), at)
          try {
            if (path.startsWith('/v2/requests/status/')) {
              log.polls++
              const id = decodeURIComponent(path.split('/').pop() ?? '')
              log.pollsOf.set(id, (log.pollsOf.get(id) ?? 0) + 1)
              const json = JSON.parse(answer.toString()) as { status?: string; completed_at?: string | null }
              if (json.status === 'COMPLETED' && json.completed_at) {
                log.completedAt.set(id, Date.parse(json.completed_at))
                if (!log.seenDoneAt.has(id)) log.seenDoneAt.set(id, at)
              }
            } else if (req.method === 'POST' && path.endsWith('-request') && status < 300) {
              log.submits++
              const { prompt } = JSON.parse(body.toString()) as { prompt: string }
              log.requestIdOf.set(prompt, (JSON.parse(answer.toString()) as { request_id: string }).request_id)
            }
          } catch {
            // not JSON: nothing to record
          }
          res.writeHead(status, upRes.headers)
          res.end(answer)
        })
      })
      up.on('error', () => res.writeHead(502).end())
      up.end(body)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    ...log,
    get statuses() {
      return log.statuses
    },
    get polls() {
      return log.polls
    },
    get submits() {
      return log.submits
    },
    get tooMany() {
      return log.tooMany
    },
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((r) => server.close(() => r())),
  }
}
