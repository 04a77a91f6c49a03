// Serves the built web app. Only files that exist in the build at boot are served (no path
// from a request ever reaches the file system); any other GET gets index.html (client routing).
// The build holds brotli and gzip copies (scripts/precompress.ts), sent by Accept-Encoding.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { Hono } from 'hono'
import { negotiateEncoding } from '../http-compress'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

type Asset = { body: Buffer; type: string; cache: string; br?: Buffer; gzip?: Buffer }

const ENCODED = /\.(br|gz)$/

function loadBuild(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>()
  const walk = (sub: string) => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.posix.join(sub, entry.name)
      if (entry.isDirectory()) walk(rel)
      else if (!ENCODED.test(entry.name)) {
        const file = path.join(dir, rel)
        const ext = path.extname(entry.name)
        // Vite fingerprints everything under assets/, so those never change; index.html always may.
        const cache = rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'
        const copy = (suffix: string) => (existsSync(`${file}${suffix}`) ? readFileSync(`${file}${suffix}`) : undefined)
        assets.set(`/${rel}`, { body: readFileSync(file), type: TYPES[ext] ?? 'application/octet-stream', cache, br: copy('.br'), gzip: copy('.gz') })
      }
    }
  }
  walk('')
  return assets
}

export function webRoutes(dir: string) {
  const assets = loadBuild(dir)
  const index = assets.get('/index.html')
  if (!index) throw new Error(`No built web app in ${dir}: run "npm run build" (npm start does it for you)`)
  return new Hono().get('*', (c) => {
    const asset = assets.get(c.req.path) ?? (path.extname(c.req.path) ? undefined : index)
    if (!asset) return c.notFound()
    const headers: Record<string, string> = { 'Content-Type': asset.type, 'Cache-Control': asset.cache }
    const offered = ([asset.br && 'br', asset.gzip && 'gzip'] as const).filter((e) => !!e)
    if (offered.length) headers.Vary = 'Accept-Encoding'
    const encoding = negotiateEncoding(c.req.header('Accept-Encoding'), offered)
    const body = encoding === 'br' ? asset.br! : encoding === 'gzip' ? asset.gzip! : asset.body
    if (encoding) headers['Content-Encoding'] = encoding
    headers['Content-Length'] = String(body.length)
    return c.body(new Uint8Array(body), 200, headers)
  })
}
