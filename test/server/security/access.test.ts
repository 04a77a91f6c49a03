// Safe to share: access control, cross-site refusal, secure headers, path tricks and settings.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { EnvError, parseEnv } from '../../../server/env'
import { startStack, type Stack } from '../harness'

const PASSWORD = 'correct horse battery staple'
const TOKEN = 'script-token-0123456789abcdef'
let stack: Stack
let image: { id: string; url: string }

beforeAll(async () => {
  stack = await startStack({ env: { APP_PASSWORD: PASSWORD, APP_TOKENS: TOKEN } })
  const bearer = { Authorization: `Bearer ${TOKEN}` }
  const res = await stack.api('/api/jobs', {
    method: 'POST',
    body: JSON.stringify({ model: 'z-image-turbo', params: { prompt: 'guarded' } }),
    headers: { ...bearer, 'Content-Type': 'application/json' },
  })
  const job = await res.json()
  for (let i = 0; i < 200; i++) {
    const j = await (await stack.api(`/api/jobs/${job.id}`, { headers: bearer })).json()
    if (j.images?.length) {
      image = j.images[0]
      break
    }
    await new Promise((r) => setTimeout(r, 25))
  }
})
afterAll(async () => {
  await stack.close()
})

const url = (p: string) => stack.darkroom.url + p
async function signIn(password = PASSWORD) {
  return fetch(url('/api/auth/sign-in'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ password }) })
}

describe('access control', () => {
  it('answers 401 on every API route but health and sign-in without a session or token', async () => {
    for (const [method, p] of [
      ['GET', '/api/jobs'],
      ['POST', '/api/jobs'],
      ['GET', '/api/images'],
      ['GET', '/api/settings'],
      ['GET', image.url],
      ['GET', '/api/collections'],
      ['POST', '/api/comparisons'],
    ]) {
      expect((await fetch(url(p!), { method })).status, `${method} ${p}`).toBe(401)
    }
    expect((await fetch(url('/api/health'))).status).toBe(200)
    expect((await fetch(url('/api/auth/session'))).status).toBe(200)
  })

  it('signs in with a session cookie that is HttpOnly and SameSite=Strict, and signs out', async () => {
    const res = await signIn()
    expect(res.status).toBe(204)
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/^darkroom_session=[\w-]{40,};/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const session = cookie.split(';')[0]!
    expect((await fetch(url('/api/jobs'), { headers: { Cookie: session } })).status).toBe(200)
    expect((await fetch(url('/api/auth/sign-out'), { method: 'POST', headers: { Cookie: session } })).status).toBe(204)
    expect((await fetch(url('/api/jobs'), { headers: { Cookie: session } })).status).toBe(401)
  })

  it('marks the cookie Secure behind an HTTPS proxy', async () => {
    const res = await fetch(url('/api/auth/sign-in'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https' },
      body: JSON.stringify({ password: PASSWORD }),
    })
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/)
  })

  it('accepts bearer tokens for scripts, and refuses a wrong one exactly like no token', async () => {
    expect((await fetch(url('/api/jobs'), { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200)
    const wrong = await fetch(url('/api/jobs'), { headers: { Authorization: `Bearer ${TOKEN}x` } })
    const none = await fetch(url('/api/jobs'))
    expect([wrong.status, await wrong.text()]).toEqual([none.status, await none.text()])
  })

  it('slows down wrong passwords per client', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn('guess')).status).toBe(401)
    const blocked = await signIn(PASSWORD) // even the right one must wait now
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    // Once the wait is over the right password gets in (asking early does not lengthen the wait).
    await vi.waitFor(async () => expect((await signIn()).status).toBe(204), { timeout: 60_000, interval: 250 })
  })
})

describe('requests from other sites', () => {
  it('refuses a cross-site POST even with a valid session cookie', async () => {
    const session = (await signIn()).headers.get('set-cookie')!.split(';')[0]!
    const post = (origin: string, prompt: string) =>
      fetch(url('/api/jobs'), {
        method: 'POST',
        headers: { Cookie: session, Origin: origin, 'Content-Type': 'application/json' },
        body: JSON.stringify({ model: 'z-image-turbo', params: { prompt } }),
      })
    const forged = await post('https://evil.example', 'forged')
    expect(forged.status).toBe(403)
    expect((await forged.json()).error.message).toMatch(/Refused a POST from https:\/\/evil.example/)
    expect((await post(stack.darkroom.url, 'from our own page')).status).toBe(201)
    await new Promise((r) => setTimeout(r, 300))
    expect(stack.sim.control.submissions().some((s) => s.body.prompt === 'forged')).toBe(false)
  })

  it('answers to loopback Host names only (no DNS rebinding), and sends no CORS headers', async () => {
    const res = await stack.darkroom.app.request('/api/health', { headers: { Host: 'rebind.evil.example:8787' } })
    expect(res.status).toBe(403)
    const ok = await fetch(url('/api/health'), { headers: { Origin: 'https://evil.example' } })
    expect(ok.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('puts secure headers on every response', async () => {
    for (const p of ['/api/health', '/api/jobs', '/sign-in']) {
      const res = await fetch(url(p))
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
      expect(csp).toContain("frame-ancestors 'none'")
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('referrer-policy')).toBe('same-origin')
    }
  })
})

describe('files are served by id, never by path', () => {
  it.each([
    '../darkroom.db',
    '..%2Fdarkroom.db',
    '%2e%2e%2fdarkroom.db',
    '%2Fetc%2Fpasswd',
    '..%5C..%5Cdarkroom.db',
    'images%2F..%2F..%2Fdarkroom.db',
  ])('%s → 404', async (trick) => {
    for (const suffix of ['file', 'thumb', 'download']) {
      const res = await fetch(url(`/api/images/${trick}/${suffix}`), { headers: { Authorization: `Bearer ${TOKEN}` } })
      expect(res.status, suffix).toBe(404)
    }
    const asset = await fetch(url(`/assets/${trick}`))
    expect([401, 404, 303]).toContain(asset.status)
  })
})

describe('settings for sharing', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-secrets-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('refuses a non-loopback HOST without a password or tokens, saying why', () => {
    expect(() => parseEnv({ HOST: '0.0.0.0' })).toThrow(EnvError)
    expect(() => parseEnv({ HOST: '0.0.0.0' })).toThrow(/Refusing to listen on HOST=0.0.0.0 without access control/)
    expect(parseEnv({ HOST: '0.0.0.0', APP_PASSWORD: PASSWORD }).host).toBe('0.0.0.0')
    // Behind a proxy HOST stays loopback, but a public URL means others can reach it.
    expect(() => parseEnv({ PUBLIC_URL: 'https://darkroom.example.com' })).toThrow(
      /Refusing to serve PUBLIC_URL=https:\/\/darkroom.example.com without access control/,
    )
    expect(parseEnv({ PUBLIC_URL: 'http://127.0.0.1:8787' }).publicUrl).toBe('http://127.0.0.1:8787')
    expect(() => parseEnv({ APP_PASSWORD: 'short' })).toThrow(/APP_PASSWORD must be at least 10 characters/)
    expect(() => parseEnv({ APP_TOKENS: 'tiny' })).toThrow(/APP_TOKENS: each token must be at least 24 characters/)
  })

  it('reads the key from PIXAZO_API_KEY_FILE', () => {
    const file = path.join(dir, 'key')
    writeFileSync(file, 'pz-from-a-file\n')
    expect(parseEnv({ PIXAZO_API_KEY_FILE: file }).apiKey).toBe('pz-from-a-file')
    expect(() => parseEnv({ PIXAZO_API_KEY_FILE: path.join(dir, 'missing') })).toThrow(/PIXAZO_API_KEY_FILE: cannot read .* \(ENOENT\)/)
    expect(() => parseEnv({ PIXAZO_API_KEY_FILE: file, PIXAZO_API_KEY: 'x' })).toThrow(/not both/)
  })
})
