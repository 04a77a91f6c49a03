// Who may use the API. With APP_PASSWORD or APP_TOKENS set, every API route but health, sign-in and
// the gateway's webhooks needs a session cookie (browser) or a bearer token (scripts). Wrong passwords
// are slowed down per client; every refusal reads the same, so nothing tells a token or a session apart.
import { createHash, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AccessStore } from '../db/stores'
import { errorBody } from '../http-errors'
import { clientAddress } from './client-address'
import type { SignInThrottle } from '../limits/sign-in'

export const SESSION_COOKIE = 'darkroom_session'
/** Marks a browser that has signed in before; its wrong guesses are counted apart from its address's. */
const DEVICE_COOKIE = 'darkroom_device'
const SESSION_DAYS = 30
const DEVICE_DAYS = 365
const OPEN_PATHS = [/^\/api\/health$/, /^\/api\/auth\//, /^\/api\/webhooks\//]

const sha256 = (s: string) => createHash('sha256').update(s).digest()
/** Compares digests, so neither the length nor the content of a secret leaks through timing. */
const same = (a: string, b: string) => timingSafeEqual(sha256(a), sha256(b))

export type AccessOptions = {
  password?: string
  tokens: string[]
  /** Reverse proxies in front whose X-Forwarded-For is believed (TRUST_PROXY); 0 = the socket address. */
  trustProxy?: number
  /** Wrong-password slowdown, shared by all instances (server/limits/sign-in.ts). */
  throttle: SignInThrottle
  now?: () => number
}

export function createAccess(store: AccessStore, options: AccessOptions) {
  const now = options.now ?? Date.now
  const enabled = Boolean(options.password) || options.tokens.length > 0
  const { throttle } = options
  const password = options.password ?? ''

  // Each session row carries "salt.scrypt(password, salt)": a new APP_PASSWORD ends every session,
  // and a copy of the database does not make the password quick to guess. One salt per boot, and
  // each salt's expected tag is worked out once.
  const tags = new Map<string, string>()
  const tagFor = (salt: string) => {
    let tag = tags.get(salt)
    if (!tag) tags.set(salt, (tag = `${salt}.${scryptSync(password, salt, 32).toString('hex')}`))
    return tag
  }
  const bootSalt = randomBytes(16).toString('hex')
  const tagMatches = (stored: string | null) => stored !== null && /^[0-9a-f]{32}\./.test(stored) && same(stored, tagFor(stored.slice(0, 32)))

  // The device cookie is "id.hmac(id)" under a key derived from the password: it cannot be forged,
  // needs no table, and a new password forgets every device.
  const deviceKey = sha256(`darkroom device\0${password}`)
  const deviceSignature = (id: string) => createHmac('sha256', deviceKey).update(id).digest('base64url')
  function deviceOf(c: Context) {
    const [id, signature] = (getCookie(c, DEVICE_COOKIE) ?? '').split('.')
    return id && signature && same(signature, deviceSignature(id)) ? id : null
  }

  /** "password" for a valid session, or null: every session of the one password is one person. */
  async function sessionActor(c: Context) {
    const token = getCookie(c, SESSION_COOKIE)
    if (!token) return null
    const hash = sha256(token).toString('hex')
    const row = await store.findSession(hash)
    if (!row || row.expiresAt <= now()) return null
    if (!tagMatches(row.passwordTag)) {
      await store.deleteSession(hash) // opened under another password
      return null
    }
    return 'password'
  }
  const sessionValid = async (c: Context) => (await sessionActor(c)) !== null

  /** "token 2" for the second token in APP_TOKENS, or null. */
  function bearerActor(c: Context) {
    const token = bearerToken(c)
    const index = token ? options.tokens.findIndex((t) => same(t, token)) : -1
    return index === -1 ? null : `token ${index + 1}`
  }

  return {
    enabled,
    sessionValid,
    /** Who is asking, by session or token; null when neither is valid. */
    actor: async (c: Context) => (await sessionActor(c)) ?? bearerActor(c),

    /** Guards /api: 401 without a valid session or token. */
    guard: (): MiddlewareHandler => async (c, next) => {
      if (!enabled) {
        c.set('actor', 'local')
        return next()
      }
      if (OPEN_PATHS.some((re) => re.test(c.req.path))) return next()
      const actor = (await sessionActor(c)) ?? bearerActor(c)
      if (actor) {
        c.set('actor', actor)
        return next()
      }
      return c.json(errorBody('Sign in first: this Darkroom needs a password or an API token (Authorization: Bearer …)'), 401)
    },

    /**
     * Checks a sign-in password. Wrong guesses make their sender wait (limits/sign-in.ts), enforced
     * before the password is even looked at, so a waiting client learns nothing from its guesses.
     * The sender is the browser when it has signed in before (its device cookie), else its address:
     * a stranger guessing from the same address or proxy never locks out the owner's browser.
     */
    async signIn(c: Context, attempt: string): Promise<{ ok: true; cookie: string } | { ok: false; retryAfterSeconds: number | null }> {
      const device = deviceOf(c)
      const key = device ? `device ${device}` : `address ${clientAddress(c, options.trustProxy ?? 0)}`
      const answer = await throttle.attempt(key, () => password !== '' && same(password, attempt))
      if (!answer.ok) return { ok: false, retryAfterSeconds: answer.retryAfterMs === null ? null : Math.ceil(answer.retryAfterMs / 1000) }
      const token = randomBytes(32).toString('base64url')
      await store.deleteExpiredSessions(now())
      await store.insertSession({
        tokenHash: sha256(token).toString('hex'),
        createdAt: now(),
        expiresAt: now() + SESSION_DAYS * 86_400_000,
        passwordTag: tagFor(bootSalt),
      })
      return { ok: true, cookie: token }
    },

    /** Sets the session cookie, and remembers this browser as one that knows the password. */
    setSessionCookie(c: Context, token: string) {
      const secure = isHttps(c)
      setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure, path: '/', maxAge: SESSION_DAYS * 86_400 })
      const id = deviceOf(c) ?? randomBytes(16).toString('base64url')
      setCookie(c, DEVICE_COOKIE, `${id}.${deviceSignature(id)}`, {
        httpOnly: true,
        sameSite: 'Strict',
        secure,
        path: '/api/auth/',
        maxAge: DEVICE_DAYS * 86_400,
      })
    },

    async signOut(c: Context) {
      const token = getCookie(c, SESSION_COOKIE)
      if (token) await store.deleteSession(sha256(token).toString('hex'))
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) })
    },

    /** Ends every browser session (tokens stay: they live in APP_TOKENS). Returns how many ended. */
    async signOutEverywhere(c: Context) {
      const ended = await store.deleteAllSessions()
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) })
      return ended
    },
  }
}

/** The token of an `Authorization: Bearer …` header; the scheme name is case-insensitive (RFC 9110 §11.1). */
function bearerToken(c: Context) {
  const match = /^bearer +(\S+) *$/i.exec(c.req.header('authorization') ?? '')
  return match ? match[1]! : null
}

/** Behind a TLS-terminating proxy the request arrives as http; the proxy says what the browser used. */
export const isHttps = (c: Context) => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'

export type Access = ReturnType<typeof createAccess>
