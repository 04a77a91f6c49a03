// The one error body shape of the app's API: { error: { message, fields? } }.
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'
import type { ApiErrorBody } from '../shared/api'
import { Conflict, Invalid, NotFound, OverBudget, TooMany } from './errors'
import type { Logger } from './log'

export const errorBody = (message: string, fields?: Record<string, string>): ApiErrorBody => ({
  error: fields ? { message, fields } : { message },
})

export function zodFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path]
    for (const key of keys) {
      const name = key.map(String).join('.') || 'body'
      fields[name] ??= issue.code === 'unrecognized_keys' ? `unknown field "${name}"` : issue.message
    }
  }
  return fields
}

/** The hook for zValidator: a 400 naming each bad field, before any handler runs. */
export function validationHook(result: { success: boolean; error?: unknown }, c: Context) {
  if (!result.success) {
    const fields = zodFields(result.error as z.ZodError)
    const message = Object.entries(fields)
      .map(([k, v]) => (v.startsWith(k) ? v : `${k}: ${v}`))
      .join('; ')
    return c.json(errorBody(message, fields), 400)
  }
}

export function onError(log: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof Invalid) return c.json(errorBody(err.message, err.fields), 400)
    if (err instanceof NotFound) return c.json(errorBody(err.message, err.fields), 404)
    if (err instanceof Conflict) return c.json(errorBody(err.message), 409)
    if (err instanceof OverBudget) return c.json(errorBody(err.message, { budget: err.message }), 403)
    if (err instanceof TooMany) {
      c.header('Retry-After', String(err.retryAfterSeconds))
      return c.json(errorBody(err.message), 429)
    }
    if (err instanceof HTTPException) return c.json(errorBody(err.message || 'Bad request'), err.status as ContentfulStatusCode)
    log.error('unhandled error', { path: c.req.path, error: err.stack ?? String(err) })
    return c.json(errorBody('Something went wrong inside Darkroom. The server log has the details.'), 500)
  }
}
