// Who is on the other end, for slowing down wrong passwords. Behind a reverse proxy every request
// comes from the proxy's socket, so the proxy's X-Forwarded-For is believed, but only for as many
// hops as TRUST_PROXY says: each trusted proxy appends the address it saw, so the client is the
// entry that many places from the right. Entries further left are whatever the client chose to send.
import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'

function socketAddress(c: Context) {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown' // app.request() in tests has no socket
  }
}

/** "1.2.3.4", "[2001:db8::1]:443" or "1.2.3.4:5678" → the bare address. */
const bare = (hop: string) => hop.replace(/^\[([^\]]+)\](:\d+)?$/, '$1').replace(/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/, '$1')

export function clientAddress(c: Context, trustedProxies: number): string {
  const socket = socketAddress(c)
  if (trustedProxies === 0) return socket
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => bare(h.trim()))
    .filter(Boolean)
  const hops = [...forwarded, socket] // farthest first; the socket is the nearest proxy
  return hops[Math.max(0, hops.length - 1 - trustedProxies)]!
}
