// The OpenAPI 3.1 document of the public API, generated from the same zod schemas the server validates
// with, so it cannot drift from what the routes accept. A test checks that every route the app serves
// has a row in ./operations. Served at /api/openapi.json, and readable at /api/docs.
import { z } from 'zod'
import { OPERATIONS, TAGS, type Operation } from './operations'
import { SCHEMAS, type SchemaName } from './schemas'

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No content',
  400: 'A request field is wrong; `fields` names each one and its limit. Nothing was changed.',
  401: 'Not signed in: send `Authorization: Bearer <token>` or sign in',
  403: 'Refused: over a spending budget (with the figures), or a cross-site request',
  404: 'Not found',
  409: "Not possible in the resource's current state",
  413: 'The request body is over its size limit',
  429: 'Too many requests; see Retry-After',
  503: 'The database or the image storage cannot be reached; the body says which',
}

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>

function parameters(op: Operation) {
  const params: object[] = []
  for (const [, key] of op.path.matchAll(/\{(\w+)\}/g)) {
    // The `{id}` of `/api/jobs/{id}` is a job's id.
    const of = key === 'id' && /(\w+)s\/\{id\}/.exec(op.path)?.[1]
    params.push({ name: key, in: 'path', required: true, ...(of && { description: `The ${of}'s id` }), schema: { type: 'string' } })
  }
  if (op.query) {
    const schema = jsonSchema(op.query, 'input') as { properties?: Record<string, object>; required?: string[] }
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      params.push({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: prop })
    }
  }
  return params
}

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` })
const isSchema = (media: string): media is SchemaName => media in SCHEMAS

function responses(op: Operation) {
  const [status, media] = op.ok
  const out: Record<string, object> = {}
  out[status] = {
    description: STATUS_TEXT[status] ?? 'OK',
    ...(media && { content: isSchema(media) ? { 'application/json': { schema: ref(media) } } : { [media]: {} } }),
  }
  for (const code of [400, ...(op.open ? [] : [401]), ...(op.method === 'get' ? [] : [403, 413]), ...(op.errors ?? [])]) {
    out[code] = { description: STATUS_TEXT[code], content: { 'application/json': { schema: ref('Error') } } }
  }
  if (op.unavailable && media && isSchema(media))
    out[503] = { description: STATUS_TEXT[503], content: { 'application/json': { schema: ref(media) } } }
  return out
}

export function buildOpenApiDocument(version = '0.1.0') {
  const paths: Record<string, Record<string, object>> = {}
  for (const op of OPERATIONS) {
    const params = parameters(op)
    ;(paths[op.path] ??= {})[op.method] = {
      operationId: `${op.method}${op.path
        .replace(/^\/api/, '')
        .replace(/\{(\w+)\}/g, 'By-$1')
        .replace(/[^A-Za-z0-9]+(\w)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
      summary: op.summary,
      tags: [op.tag],
      ...(params.length > 0 && { parameters: params }),
      ...(op.body && { requestBody: { required: true, content: { 'application/json': { schema: ref(op.body) } } } }),
      responses: responses(op),
      ...(op.open && { security: [] }),
    }
  }
  const schemas: Record<string, object> = {}
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    const { $schema: _, ...rest } = jsonSchema(schema, OPERATIONS.some((op) => op.body === name) ? 'input' : 'output')
    schemas[name] = rest
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Darkroom API',
      version,
      description:
        "A self-hosted playground and gallery for Pixazo's text-to-image models. JSON over HTTP; every error is `{ error: { message, fields? } }`. " +
        'Scripts authenticate with `Authorization: Bearer <token>` (a token from APP_TOKENS); browsers with the session cookie.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [] }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A token from APP_TOKENS' },
        session: { type: 'apiKey', in: 'cookie', name: 'darkroom_session', description: 'Set by POST /api/auth/sign-in' },
      },
    },
  }
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>
