// The sign-in page: plain HTML with a form (no script), so it works under the strict CSP and before
// the web app has loaded. It carries the page that was asked for (`next`) through the sign-in, and
// shows a wrong password after a redirect (Post/Redirect/Get), so the address bar stays /sign-in.
import { Hono } from 'hono'
import { escapeXml } from '../../shared/xml'
import type { Access } from '../security/access'

const BASE = 'http://darkroom.invalid'

/**
 * Where to go after signing in: a path on this site, never another one (no open redirect). Anything
 * that a browser could read as another host (`//evil`, `/\evil`, tabs inside) resolves elsewhere and
 * falls back to "/".
 */
export function returnPath(raw: unknown): string {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.length > 2048) return '/'
  try {
    const url = new URL(raw, BASE)
    if (url.origin !== BASE || url.pathname.startsWith('/api/') || url.pathname === '/sign-in') return '/'
    return url.pathname + url.search + url.hash
  } catch {
    return '/'
  }
}

/** `/sign-in`, with the page to return to and why the last attempt failed. */
export function signInUrl(next: string, error?: { wrong: true } | { waitSeconds: number }) {
  const query = new URLSearchParams()
  if (error) query.set('error', 'wrong' in error ? 'wrong' : 'wait')
  if (error && 'waitSeconds' in error) query.set('wait', String(error.waitSeconds))
  if (next !== '/') query.set('next', next)
  const search = query.toString()
  return search ? `/sign-in?${search}` : '/sign-in'
}

const messageFor = (error: string | undefined, wait: string | undefined) => {
  if (error === 'wrong') return 'Wrong password.'
  const seconds = Math.min(Math.max(Number.parseInt(wait ?? '', 10) || 1, 1), 3600)
  return error === 'wait' ? `Too many wrong passwords. Try again in ${seconds} s.` : ''
}

const signInPage = (opts: { message?: string; next?: string } = {}) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sign in · Darkroom</title>
<style>
body{margin:0;background:#0b0c0f;color:#e8e9ec;font:15px/1.5 system-ui,sans-serif}
main{min-height:100vh;display:grid;place-items:center}
form{width:min(360px,90vw);padding:28px;border:1px solid #2a2d35;border-radius:12px;background:#14161b}
h1{margin:0 0 4px;font-size:20px}p{margin:0 0 18px;color:#9aa0ab}label{display:block;margin-bottom:6px}
input{box-sizing:border-box;width:100%;padding:9px 11px;border-radius:8px;border:1px solid #2a2d35;background:#0b0c0f;color:inherit;font:inherit}
button{margin-top:14px;width:100%;padding:10px;border:0;border-radius:8px;background:#e9a23b;color:#1b1204;font:600 15px system-ui,sans-serif;cursor:pointer}
.error{margin:12px 0 0;color:#f27a6a}
</style></head><body><main>
<form method="post" action="/api/auth/sign-in">
<h1>Darkroom</h1><p>This Darkroom is shared. Sign in to use it.</p>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required autofocus>
${opts.next && opts.next !== '/' ? `<input type="hidden" name="next" value="${escapeXml(opts.next)}">` : ''}
<button type="submit">Sign in</button>
${opts.message ? `<p class="error" role="alert">${escapeXml(opts.message)}</p>` : ''}
</form></main></body></html>`

export const signInPageRoutes = (access: Access) =>
  new Hono().get('/sign-in', async (c) => {
    const next = returnPath(c.req.query('next'))
    // Nothing to sign in to, or signed in already: straight on to the page that was asked for.
    if (!access.enabled || (await access.sessionValid(c))) return c.redirect(next, 303)
    return c.html(signInPage({ next, message: messageFor(c.req.query('error'), c.req.query('wait')) }))
  })
