// Sign-in and sign-out, for the sign-in page's form (answered with redirects) and for scripts (JSON).
import { Hono, type Context } from 'hono'
import { errorBody } from '../http-errors'
import type { Access } from '../security/access'
import { returnPath, signInUrl } from './sign-in-page'

const fromForm = (c: Context) => c.req.header('content-type')?.includes('form') ?? false

export const authRoutes = (access: Access) =>
  new Hono()
    .get('/session', (c) => c.json({ required: access.enabled, signedIn: !access.enabled || access.sessionValid(c) }, 200))
    .post('/sign-in', async (c) => {
      const asForm = fromForm(c)
      const body = asForm ? await c.req.parseBody() : await c.req.json().catch(() => ({}))
      const password = typeof body?.password === 'string' ? body.password : ''
      const next = returnPath(body?.next)
      if (!access.enabled) return c.json(errorBody('This Darkroom has no password: nothing to sign in to'), 404)
      const result = await access.signIn(c, password)
      if (!result.ok) {
        const wait = result.retryAfterSeconds
        if (wait) c.header('Retry-After', String(wait))
        // Back to the page with the message (Post/Redirect/Get): reloading it does not resend the password.
        if (asForm) return c.redirect(signInUrl(next, wait ? { waitSeconds: wait } : { wrong: true }), 303)
        return c.json(errorBody(wait ? `Too many wrong passwords. Try again in ${wait} s.` : 'Wrong password.'), wait ? 429 : 401)
      }
      access.setSessionCookie(c, result.cookie)
      return asForm ? c.redirect(next, 303) : c.body(null, 204)
    })
    .post('/sign-out', (c) => {
      access.signOut(c)
      return fromForm(c) ? c.redirect('/sign-in', 303) : c.body(null, 204)
    })
    .post('/sign-out-everywhere', (c) => {
      if (!access.enabled) return c.json(errorBody('This Darkroom has no password: nothing to sign out of'), 404)
      if (!access.actor(c)) return c.json(errorBody('Sign in first: only someone signed in can sign everybody out'), 401)
      const ended = access.signOutEverywhere(c)
      return fromForm(c) ? c.redirect('/sign-in', 303) : c.json({ ended }, 200)
    })
