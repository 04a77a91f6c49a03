// Who may use the API. With APP_PASSWORD or APP_TOKENS set, every API route but health, sign-in and
// the gateway's webhooks needs a session cookie (browser) or a bearer token (scripts). Wrong passwords
// are slowed down per client; every refusal reads the same, so nothing tells a token or a session apart.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { eq, lt } from 'drizzle-orm'
import type { Context, MiddlewareHandler } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Db } from '../db/client'
import { sessions } from '../db/schema'
import { errorBody } from '../http-errors'

export const SESSION_COOKIE = 'darkroom_session'
const SESSION_DAYS = 30
const OPEN_PATHS = [/^\/api\/health$/, /^\/api\/auth\//, /^\/api\/webhooks\//]

const sha256 = (s: string) => createHash('sha256').update(s).digest()
/** Compares digests, so neither the length nor the content of a secret leaks through timing. */
const same = (a: string, b: string) => timingSafeEqual(sha256(a), sha256(b))

export type AccessOptions = { password?: string; tokens: string[]; now?: () => number }

export function createAccess(db: Db, options: AccessOptions) {
  const now = options.now ?? Date.now
  const enabled = Boolean(options.password) || options.tokens.length > 0
  const failures = new Map<string, { count: number; until: number }>()

  const clientOf = (c: Context) => {
    try {
      return getConnInfo(c).remote.address ?? 'unknown'
    } catch {
      return 'unknown' // app.request() in tests has no socket
    }
  }

  /** The session's short name ("session 1a2b3c4d"), or null without a valid one. */
  function sessionActor(c: Context) {
    const token = getCookie(c, SESSION_COOKIE)
    if (!token) return null
    const hash = sha256(token).toString('hex')
    const row = db.select().from(sessions).where(eq(sessions.tokenHash, hash)).get()
    return row && row.expiresAt > now() ? `session ${hash.slice(0, 8)}` : null
  }
  const sessionValid = (c: Context) => sessionActor(c) !== null

  /** "token 2" for the second token in APP_TOKENS, or null. */
  function bearerActor(c: Context) {
    const token = bearerToken(c)
    const index = token ? options.tokens.findIndex((t) => same(t, token)) : -1
    return index === -1 ? null : `token ${index + 1}`
  }

  return {
    enabled,
    sessionValid,
    /** Whether the request carries a bearer token (scripts are exempt from the Origin check). */
    usesBearer: (c: Context) => bearerToken(c) !== null,

    /** Guards /api: 401 without a valid session or token. */
    guard: (): MiddlewareHandler => async (c, next) => {
      if (!enabled) {
        c.set('actor', 'local')
        return next()
      }
      if (OPEN_PATHS.some((re) => re.test(c.req.path))) return next()
      const actor = sessionActor(c) ?? bearerActor(c)
      if (actor) {
        c.set('actor', actor)
        return next()
      }
      return c.json(errorBody('Sign in first: this Darkroom needs a password or an API token (Authorization: Bearer …)'), 401)
    },

    /**
     * Checks a sign-in password. A client's wrong guesses make it wait: 1 s after the third, doubling
     * to 5 minutes; the wait is enforced before the password is even looked at.
     */
    signIn(c: Context, password: string): { ok: true; cookie: string } | { ok: false; retryAfterSeconds: number | null } {
      const client = clientOf(c)
      const record = failures.get(client)
      if (record && record.until > now()) return { ok: false, retryAfterSeconds: Math.ceil((record.until - now()) / 1000) }
      if (!options.password || !same(options.password, password)) {
        const count = (record?.count ?? 0) + 1
        const wait = count >= 3 ? Math.min(1000 * 2 ** (count - 3), 5 * 60_000) : 0
        failures.set(client, { count, until: now() + wait })
        return { ok: false, retryAfterSeconds: null }
      }
      failures.delete(client)
      const token = randomBytes(32).toString('base64url')
      db.delete(sessions).where(lt(sessions.expiresAt, now())).run()
      db.insert(sessions).values({ tokenHash: sha256(token).toString('hex'), createdAt: now(), expiresAt: now() + SESSION_DAYS * 86_400_000 }).run()
      return { ok: true, cookie: token }
    },

    setSessionCookie(c: Context, token: string) {
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: isHttps(c),
        path: '/',
        maxAge: SESSION_DAYS * 86_400,
      })
    },

    signOut(c: Context) {
      const token = getCookie(c, SESSION_COOKIE)
      if (token) db.delete(sessions).where(eq(sessions.tokenHash, sha256(token).toString('hex'))).run()
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) })
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
