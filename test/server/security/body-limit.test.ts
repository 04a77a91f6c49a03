// Every route that takes a body refuses an oversized one with 413 before parsing it, whether the
// client announces its size (Content-Length) or streams it (chunked, no length), and nothing changes.
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startStack, type Stack } from '../harness'

const PASSWORD = 'correct horse battery staple'
const TOKEN = 'script-token-0123456789abcdef'
const bearer = { Authorization: `Bearer ${TOKEN}` }
let stack: Stack
let comparisonId: string
let imageId: string

beforeAll(async () => {
  stack = await startStack({ env: { APP_PASSWORD: PASSWORD, APP_TOKENS: TOKEN } })
  const res = await fetch(`${stack.darkroom.url}/api/comparisons`, {
    method: 'POST',
    headers: { ...bearer, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'z-image-turbo', params: { prompt: 'bounded' }, axes: { x: { param: 'seed', values: [1, 2] } } }),
  })
  const created = await res.json()
  comparisonId = created.id
  const done = await settleWithToken(created.id)
  imageId = done.cells[0]!.image.id
})
afterAll(() => stack.close())

async function settleWithToken(id: string) {
  type Cells = { cells: { state: string; image: { id: string } }[] }
  return vi.waitFor(
    async () => {
      const comparison: Cells = await (await fetch(`${stack.darkroom.url}/api/comparisons/${id}`, { headers: bearer })).json()
      if (!comparison.cells.every((c) => c.state === 'completed')) throw new Error('still running')
      return comparison
    },
    { timeout: 60_000, interval: 50 },
  )
}

/**
 * Sends `bytes` of JSON-ish body (announced with Content-Length, or streamed without one) on a fresh
 * connection and resolves with the answer as soon as it arrives: a server that refuses early answers
 * while the body is still being sent, and a client sees that answer first.
 */
function send(pathname: string, opts: { method?: string; bytes: number; streamed?: boolean; headers?: Record<string, string> }) {
  const url = new URL(stack.darkroom.url + pathname)
  const head = '{"password":"'
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...opts.headers }
  if (!opts.streamed) headers['Content-Length'] = String(head.length + opts.bytes)
  return new Promise<{ status: number; body: string; sent: number; setCookie: string | undefined }>((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: opts.method ?? 'POST', headers, agent: false })
    let answered = false
    let sent = 0
    req.on('response', (res) => {
      answered = true
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString(), sent, setCookie: res.headers['set-cookie']?.[0] }),
      )
    })
    req.on('error', (err) => (answered ? undefined : reject(err)))
    const chunk = Buffer.alloc(16 * 1024, 'x')
    const pump = () => {
      while (!answered && sent < opts.bytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, opts.bytes - sent))
        sent += piece.length
        if (!req.write(piece)) return void req.once('drain', pump)
      }
      if (!answered) req.end()
    }
    req.write(head)
    pump()
  })
}

/** Routes that take a body, with the method; each gets a 2 MB body. */
const routes = (): [string, string][] => [
  ['POST', '/api/auth/sign-in'],
  ['POST', '/api/auth/sign-out'],
  ['POST', '/api/jobs'],
  ['POST', '/api/collections'],
  ['PATCH', '/api/collections/some-id'],
  ['POST', '/api/images/bulk'],
  ['POST', '/api/images/zip'],
  ['PATCH', `/api/images/${imageId}`],
  ['POST', '/api/comparisons'],
  ['POST', `/api/comparisons/${comparisonId}/rerun`],
  ['POST', `/api/comparisons/${comparisonId}/cancel`],
  ['POST', '/api/jobs/some-id/retry'],
  ['POST', '/api/webhooks/pixazo/some-job/some-token'],
]

describe('request bodies have a limit', () => {
  it('refuses an oversized body with 413 and the error shape on every route that takes one', async () => {
    for (const [method, p] of routes()) {
      const res = await send(p, { method, bytes: 2 * 1024 * 1024, headers: bearer })
      expect(res.status, `${method} ${p}`).toBe(413)
      expect(JSON.parse(res.body).error.message, `${method} ${p}`).toMatch(/^The request body is over the \d+ KB limit$/)
    }
  })

  it('changes nothing when it refuses', async () => {
    const before = await (await fetch(`${stack.darkroom.url}/api/collections`, { headers: bearer })).json()
    const padding = 'x'.repeat(70 * 1024)
    const res = await fetch(`${stack.darkroom.url}/api/collections`, {
      method: 'POST',
      headers: { ...bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'a fine name', padding }),
    })
    expect(res.status).toBe(413)
    expect(await (await fetch(`${stack.darkroom.url}/api/collections`, { headers: bearer })).json()).toEqual(before)
    const signIn = await fetch(`${stack.darkroom.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ password: PASSWORD, padding }),
    })
    expect(signIn.status).toBe(413)
    expect(signIn.headers.get('set-cookie')).toBeNull()
    // Streamed without a length: refused too, and no session either.
    const streamed = await send('/api/auth/sign-in', { bytes: 1024 * 1024, streamed: true })
    expect([streamed.status, streamed.setCookie]).toEqual([413, undefined])
    const comparison = await (await fetch(`${stack.darkroom.url}/api/comparisons/${comparisonId}`, { headers: bearer })).json()
    expect(comparison.cells.every((c: { state: string }) => c.state === 'completed')).toBe(true)
  })

  it('still takes bodies of a normal size', async () => {
    const res = await fetch(`${stack.darkroom.url}/api/collections`, {
      method: 'POST',
      headers: { ...bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'ordinary' }),
    })
    expect(res.status).toBe(201)
    // A comparison with many long prompts is larger than a job's limit but within its own: it is
    // parsed and judged on its fields (an unknown model here, so nothing is sent upstream).
    const prompts = Array.from({ length: 50 }, (_, i) => `${i} ${'a long prompt '.repeat(140)}`.slice(0, 2000))
    const created = await fetch(`${stack.darkroom.url}/api/comparisons`, {
      method: 'POST',
      headers: { ...bearer, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'no-such-model', params: { prompt: 'x' }, axes: { x: { param: 'prompt', values: prompts } } }),
    })
    expect(JSON.stringify({ prompts }).length).toBeGreaterThan(64 * 1024)
    expect(created.status).toBe(400)
    expect((await created.json()).error.fields).toHaveProperty('model')
  })

  it('cuts off a streamed body that announces no length, without waiting for its end', async () => {
    const huge = 256 * 1024 * 1024
    const res = await send('/api/auth/sign-in', { bytes: huge, streamed: true })
    expect(res.status).toBe(413)
    expect(JSON.parse(res.body).error.message).toBe('The request body is over the 64 KB limit')
    expect(res.sent).toBeLessThan(huge)
    expect((await fetch(`${stack.darkroom.url}/api/health`)).status).toBe(200)
  })
})
