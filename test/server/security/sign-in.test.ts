// Signing in on a shared Darkroom: wrong guesses are slowed per client (behind a trusted proxy, the
// client the proxy names), counts decay, a stranger's guesses never lock out a browser that has
// signed in before, a new APP_PASSWORD ends every session, and "sign out everywhere" does what it says.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { Hono } from 'hono'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { openSqlite } from '../../../server/db/sqlite'
import { startDarkroom, type Darkroom } from '../../../server/darkroom'
import { parseEnv } from '../../../server/env'
import { createLogger } from '../../../server/log'
import { authRoutes } from '../../../server/routes/auth'
import { createSignInThrottle } from '../../../server/limits/sign-in'
import { createAccess } from '../../../server/security/access'
import { clientAddress } from '../../../server/security/client-address'
import { startStack, type Stack } from '../harness'

const PASSWORD = 'correct horse battery staple'
const TOKEN = 'script-token-0123456789abcdef'
const stacks: Stack[] = []
afterEach(async () => {
  for (const s of stacks.splice(0)) await s.close()
})
const start = async (env: Record<string, string>, dataDir?: string) => {
  const stack = await startStack({ env: { APP_PASSWORD: PASSWORD, ...env }, dataDir })
  stacks.push(stack)
  return stack
}

type Answer = { status: number; cookies: string[] }
async function signIn(stack: Stack, password: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${stack.darkroom.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ password }),
  })
  return { status: res.status, cookies: res.headers.getSetCookie().map((c) => c.split(';')[0]!) }
}
const cookieNamed = (a: Answer, name: string) => a.cookies.find((c) => c.startsWith(`${name}=`))!
const jobsWith = async (stack: Stack, headers: Record<string, string>) => (await fetch(`${stack.darkroom.url}/api/jobs`, { headers })).status

describe('TRUST_PROXY', () => {
  it('is a number of proxies, checked at boot', () => {
    expect(parseEnv({}).trustProxy).toBe(0)
    expect(parseEnv({ TRUST_PROXY: '1' }).trustProxy).toBe(1)
    expect(parseEnv({ TRUST_PROXY: 'true' }).trustProxy).toBe(1)
    expect(parseEnv({ TRUST_PROXY: 'false' }).trustProxy).toBe(0)
    expect(() => parseEnv({ TRUST_PROXY: 'yes' })).toThrow(
      /TRUST_PROXY must be the number of reverse proxies in front \(0 to 10, or true for 1\), not "yes"/,
    )
    expect(() => parseEnv({ TRUST_PROXY: '11' })).toThrow(/TRUST_PROXY/)
  })

  it('believes exactly as many hops as there are proxies', async () => {
    const seen = async (hops: number, xff?: string) => {
      const app = new Hono().get('/', (c) => c.text(clientAddress(c, hops)))
      return (await app.request('/', { headers: xff ? { 'X-Forwarded-For': xff } : {} })).text()
    }
    // app.request has no socket: "unknown" stands for the nearest proxy's address.
    expect(await seen(0, '203.0.113.9')).toBe('unknown')
    expect(await seen(1, '198.51.100.1, 203.0.113.9')).toBe('203.0.113.9')
    expect(await seen(2, '198.51.100.1, 203.0.113.9, 10.0.0.2')).toBe('203.0.113.9')
    expect(await seen(2, '203.0.113.9:5123,[2001:db8::7]:443')).toBe('203.0.113.9')
    expect(await seen(1, '[2001:db8::7]:443')).toBe('2001:db8::7')
    // Fewer entries than proxies: the farthest one there is, never an empty key.
    expect(await seen(3, '203.0.113.9')).toBe('203.0.113.9')
    expect(await seen(1)).toBe('unknown')
  })

  it('behind a trusted proxy, slows the guessing client and not everybody else', async () => {
    const stack = await start({ TRUST_PROXY: '1' })
    const stranger = { 'X-Forwarded-For': '203.0.113.9' }
    for (let i = 0; i < 3; i++) expect((await signIn(stack, 'guess', stranger)).status).toBe(401)
    expect((await signIn(stack, 'guess', stranger)).status).toBe(429)
    // A forged entry on the left does not make the stranger someone else: the proxy appends the real one.
    expect((await signIn(stack, 'guess', { 'X-Forwarded-For': '198.51.100.1, 203.0.113.9' })).status).toBe(429)
    // The owner, from another address through the same proxy, signs in at once.
    expect((await signIn(stack, PASSWORD, { 'X-Forwarded-For': '198.51.100.7' })).status).toBe(204)
  })

  it('without it, X-Forwarded-For is ignored: a client cannot dodge the slowdown by inventing addresses', async () => {
    const stack = await start({})
    for (let i = 0; i < 3; i++) expect((await signIn(stack, 'guess', { 'X-Forwarded-For': `203.0.113.${i}` })).status).toBe(401)
    expect((await signIn(stack, 'guess', { 'X-Forwarded-For': '203.0.113.200' })).status).toBe(429)
  })
})

describe("a stranger's guesses", () => {
  it('never stop a browser that has signed in before, even from the same address', async () => {
    const stack = await start({})
    const first = await signIn(stack, PASSWORD)
    expect(first.status).toBe(204)
    const device = cookieNamed(first, 'darkroom_device')
    expect(device).toMatch(/^darkroom_device=[\w-]+\.[\w-]+$/)
    // Everyone here shares 127.0.0.1, as everyone shares a proxy's address without TRUST_PROXY.
    for (let i = 0; i < 6; i++) await signIn(stack, `guess ${i}`)
    expect((await signIn(stack, PASSWORD)).status).toBe(429)
    const owner = await signIn(stack, PASSWORD, { Cookie: device })
    expect(owner.status).toBe(204)
    expect(await jobsWith(stack, { Cookie: cookieNamed(owner, 'darkroom_session') })).toBe(200)
    // A forged device cookie is just an address.
    expect((await signIn(stack, PASSWORD, { Cookie: 'darkroom_device=abc.def' })).status).toBe(429)
  })

  it('are forgotten over time: counts decay a minute at a time', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-throttle-'))
    // The counters live in the database and are read against Date.now(): only the date is faked.
    vi.useFakeTimers({ toFake: ['Date'], now: 1_000_000 })
    const db = openSqlite(path.join(dir, 'darkroom.db'))
    const throttle = createSignInThrottle(db.limitStore)
    const access = createAccess(db.access, { password: PASSWORD, tokens: [], trustProxy: 1, throttle })
    const app = new Hono().route('/api/auth', authRoutes(access))
    const attempt = (password: string) =>
      app.request('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '203.0.113.9' },
        body: JSON.stringify({ password }),
      })
    try {
      for (let i = 0; i < 8; i++) {
        expect((await attempt('guess')).status).toBe(401)
        vi.advanceTimersByTime(10 * 60_000) // each guess waits out the one before
      }
      // Eight wrong guesses ten minutes apart never build up: each decayed before the next, so three
      // more in a row are still looked at (the slowdown starts after the third).
      for (let i = 0; i < 3; i++) expect((await attempt('guess')).status).toBe(401)
      const slowed = await attempt(PASSWORD)
      expect(slowed.status).toBe(429)
      expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
      vi.advanceTimersByTime(60 * 60_000)
      expect((await attempt(PASSWORD)).status).toBe(204)
    } finally {
      vi.useRealTimers()
      await db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('sessions', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-sessions-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('end when APP_PASSWORD changes, and survive a restart with the same one', async () => {
    const dataDir = path.join(dir, 'password-change')
    let stack = await start({}, dataDir)
    const session = cookieNamed(await signIn(stack, PASSWORD), 'darkroom_session')
    expect(await jobsWith(stack, { Cookie: session })).toBe(200)

    await stacks.pop()!.close({ keepData: true })
    stack = await start({}, dataDir)
    expect(await jobsWith(stack, { Cookie: session })).toBe(200)

    await stacks.pop()!.close({ keepData: true })
    stack = await start({ APP_PASSWORD: 'a brand new password' }, dataDir)
    expect(await jobsWith(stack, { Cookie: session })).toBe(401)
    await stacks.pop()!.close({ keepData: true })

    // What the database keeps about the password is a salted scrypt, never the password.
    const sqlite = new Database(path.join(dataDir, 'darkroom.db'), { readonly: true })
    const rows = sqlite.prepare('select password_tag from sessions').all() as { password_tag: string }[]
    sqlite.close()
    for (const row of rows) {
      expect(row.password_tag).toMatch(/^[0-9a-f]{32}\.[0-9a-f]{64}$/)
      expect(row.password_tag).not.toContain(Buffer.from(PASSWORD).toString('hex'))
    }
  })

  it('all end with "sign out everywhere"; tokens keep working', async () => {
    const stack = await start({ APP_TOKENS: TOKEN })
    const mine = cookieNamed(await signIn(stack, PASSWORD), 'darkroom_session')
    const theirs = cookieNamed(await signIn(stack, PASSWORD), 'darkroom_session')
    const everywhere = (headers: Record<string, string>) => fetch(`${stack.darkroom.url}/api/auth/sign-out-everywhere`, { method: 'POST', headers })

    expect((await everywhere({})).status).toBe(401)
    expect(await jobsWith(stack, { Cookie: theirs })).toBe(200)

    const res = await everywhere({ Cookie: mine })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ended: 2 })
    expect(await jobsWith(stack, { Cookie: mine })).toBe(401)
    expect(await jobsWith(stack, { Cookie: theirs })).toBe(401)
    expect(await jobsWith(stack, { Authorization: `Bearer ${TOKEN}` })).toBe(200)

    // From the page's form: back to the sign-in page.
    const again = cookieNamed(await signIn(stack, PASSWORD), 'darkroom_session')
    const form = await fetch(`${stack.darkroom.url}/api/auth/sign-out-everywhere`, {
      method: 'POST',
      headers: { Cookie: again, 'Content-Type': 'application/x-www-form-urlencoded', Origin: stack.darkroom.url },
      redirect: 'manual',
    })
    expect([form.status, form.headers.get('location')]).toEqual([303, '/sign-in'])
    expect(await jobsWith(stack, { Cookie: again })).toBe(401)
  })
})

describe('the sign-in page', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-pages-'))
  let darkroom: Darkroom
  afterAll(async () => {
    await darkroom?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const get = (p: string, headers: Record<string, string> = {}) => fetch(darkroom.url + p, { redirect: 'manual', headers })
  const post = (fields: Record<string, string>) =>
    fetch(`${darkroom.url}/api/auth/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: darkroom.url },
      body: new URLSearchParams(fields),
    })

  it('returns to the page that was asked for, and only to a page of this site', async () => {
    const webDir = path.join(dir, 'web')
    mkdirSync(webDir)
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Darkroom</title>')
    const env = parseEnv({ APP_PASSWORD: PASSWORD, DATA_DIR: path.join(dir, 'data'), PORT: '0' })
    darkroom = await startDarkroom({ env, webDir, log: createLogger({ write: () => {} }), demoTiming: { queuedMs: 10, processingMs: 10 } })

    const asked = await get('/gallery?q=fox')
    expect(asked.status).toBe(303)
    const signInAt = asked.headers.get('location')!
    expect(signInAt).toBe('/sign-in?next=%2Fgallery%3Fq%3Dfox')
    const page = await (await get(signInAt)).text()
    expect(page).toContain('<main>')
    expect(page).toContain('<input type="hidden" name="next" value="/gallery?q=fox">')

    // A wrong password: back to /sign-in (not /api/auth/sign-in) with the message, still going to /gallery?q=fox.
    const wrong = await post({ password: 'not it', next: '/gallery?q=fox' })
    expect(wrong.status).toBe(303)
    expect(wrong.headers.get('location')).toBe('/sign-in?error=wrong&next=%2Fgallery%3Fq%3Dfox')
    const again = await (await get(wrong.headers.get('location')!)).text()
    expect(again).toContain('<p class="error" role="alert">Wrong password.</p>')
    expect(again).toContain('value="/gallery?q=fox"')

    const right = await post({ password: PASSWORD, next: '/gallery?q=fox' })
    expect([right.status, right.headers.get('location')]).toEqual([303, '/gallery?q=fox'])
    const session = right.headers
      .getSetCookie()
      .find((c) => c.startsWith('darkroom_session='))!
      .split(';')[0]!
    expect((await get('/gallery?q=fox', { Cookie: session })).status).toBe(200)
    // Signed in already: the sign-in page sends you on.
    expect((await get('/sign-in?next=%2Fcompare', { Cookie: session })).headers.get('location')).toBe('/compare')

    for (const evil of [
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example',
      '/\t/evil.example',
      'javascript:alert(1)',
      '/api/auth/sign-out',
      '',
    ]) {
      const res = await post({ password: PASSWORD, next: evil })
      expect(res.headers.get('location'), JSON.stringify(evil)).toBe('/')
      const shown = await (await get(`/sign-in?next=${encodeURIComponent(evil)}`)).text()
      expect(shown, JSON.stringify(evil)).not.toContain('name="next"')
    }
  })

  it('escapes what it echoes', async () => {
    const page = await (await get(`/sign-in?next=${encodeURIComponent('/x"><script>alert(1)</script>')}&error=wait&wait=<b>`)).text()
    expect(page).not.toContain('<script>')
    expect(page).toContain('Too many wrong passwords. Try again in 1 s.')
  })
})
