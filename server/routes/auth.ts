// Sign-in and sign-out. The sign-in page is plain HTML with a form (no script), so it works under the
// strict CSP and before the web app has loaded.
import { Hono } from 'hono'
import { errorBody } from '../http-errors'
import type { Access } from '../security/access'

const page = (message = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sign in · Darkroom</title>
<style>
body{margin:0;min-height:100vh;display:grid;place-items:center;background:#0b0c0f;color:#e8e9ec;font:15px/1.5 system-ui,sans-serif}
form{width:min(360px,90vw);padding:28px;border:1px solid #2a2d35;border-radius:12px;background:#14161b}
h1{margin:0 0 4px;font-size:20px}p{margin:0 0 18px;color:#9aa0ab}label{display:block;margin-bottom:6px}
input{box-sizing:border-box;width:100%;padding:9px 11px;border-radius:8px;border:1px solid #2a2d35;background:#0b0c0f;color:inherit;font:inherit}
button{margin-top:14px;width:100%;padding:10px;border:0;border-radius:8px;background:#e9a23b;color:#1b1204;font:600 15px system-ui,sans-serif;cursor:pointer}
.error{margin-top:12px;color:#f27a6a}
</style></head><body>
<form method="post" action="/api/auth/sign-in">
<h1>Darkroom</h1><p>This Darkroom is shared. Sign in to use it.</p>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button>
${message ? `<p class="error" role="alert">${message}</p>` : ''}
</form></body></html>`

export const signInPage = page

export const authRoutes = (access: Access) =>
  new Hono()
    .get('/session', (c) => c.json({ required: access.enabled, signedIn: !access.enabled || access.sessionValid(c) }, 200))
    .post('/sign-in', async (c) => {
      const form = c.req.header('content-type')?.includes('application/json') ? await c.req.json().catch(() => ({})) : await c.req.parseBody()
      const password = typeof form?.password === 'string' ? form.password : ''
      const asJson = !c.req.header('content-type')?.includes('form')
      if (!access.enabled) return c.json(errorBody('This Darkroom has no password: nothing to sign in to'), 404)
      const result = access.signIn(c, password)
      if (!result.ok) {
        const message = result.retryAfterSeconds ? `Too many wrong passwords. Try again in ${result.retryAfterSeconds} s.` : 'Wrong password.'
        const status = result.retryAfterSeconds ? 429 : 401
        if (result.retryAfterSeconds) c.header('Retry-After', String(result.retryAfterSeconds))
        return asJson ? c.json(errorBody(message), status) : c.html(page(message), status)
      }
      access.setSessionCookie(c, result.cookie)
      return asJson ? c.body(null, 204) : c.redirect('/', 303)
    })
    .post('/sign-out', (c) => {
      access.signOut(c)
      return c.req.header('content-type')?.includes('form') ? c.redirect('/sign-in', 303) : c.body(null, 204)
    })
