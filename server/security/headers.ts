// Headers every response carries, and the check that refuses state changes from other sites.
import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { isLoopback } from '../env'
import { errorBody } from '../http-errors'

/** A CSP with no inline or foreign scripts; styles allow inline attributes (virtualised grids set them). */
export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    strictTransportSecurity: false, // set by the TLS-terminating proxy, which knows whether there is TLS
  })

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Cross-site request forgery: a state-changing request that says where it comes from must come from
 * here. Browsers always send Origin on such requests; scripts send none (and authenticate by token).
 * On loopback the Host must be a loopback name too, which stops DNS-rebinding pages posing as us.
 */
export function sameOriginOnly(opts: { publicUrl?: string; loopbackOnly: boolean; isExempt: (path: string) => boolean }): MiddlewareHandler {
  const publicOrigin = opts.publicUrl ? new URL(opts.publicUrl).origin : null
  return async (c, next) => {
    const url = new URL(c.req.url)
    const host = c.req.header('host') ?? url.host
    const hostname = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '')
    if (opts.loopbackOnly && !isLoopback(hostname) && host !== (publicOrigin && new URL(publicOrigin).host)) {
      return c.json(errorBody(`Unexpected Host "${host}": this Darkroom only answers to its own address`), 403)
    }
    if (!UNSAFE.has(c.req.method) || opts.isExempt(url.pathname)) return next()
    const origin = c.req.header('origin')
    if (origin === undefined) return next()
    const proto = c.req.header('x-forwarded-proto') ?? url.protocol.replace(':', '')
    if (origin === `${proto}://${host}` || origin === publicOrigin) return next()
    return c.json(errorBody(`Refused a ${c.req.method} from ${origin}: changes must come from this Darkroom's own pages`), 403)
  }
}
