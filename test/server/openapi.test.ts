import { validate } from '@readme/openapi-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type Stack } from './harness'

let stack: Stack
beforeAll(async () => {
  stack = await startStack()
})
afterAll(() => stack.close())

/** Hono's `/images/:id/:size{file|thumb}` → OpenAPI's `/images/{id}/file` and `/images/{id}/thumb`. */
function openApiPaths(honoPath: string): string[] {
  let paths = ['']
  for (const part of honoPath.split('/').slice(1)) {
    const m = /^:(\w+)(?:\{(.+)\})?$/.exec(part)
    const pattern = m?.[2]?.replace(/^\(\?:(.*)\)$/, '$1')
    const options = m ? (pattern && /^[\w|]+$/.test(pattern) ? pattern.split('|') : [`{${m[1]}}`]) : [part]
    paths = paths.flatMap((p) => options.map((o) => `${p}/${o}`))
  }
  return paths
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const doc = await (await stack.api('/api/openapi.json')).json()
    expect(doc.openapi).toBe('3.1.0')
    const result = await validate(structuredClone(doc))
    expect(result.valid ? [] : result.errors).toEqual([])
  })

  it('describes every API route the server answers', async () => {
    const doc = await (await stack.api('/api/openapi.json')).json()
    const served = stack.darkroom.app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !r.path.includes('*'))
      .flatMap((r) => openApiPaths(r.path).map((p) => `${r.method.toLowerCase()} ${p}`))
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`))
    expect(served.length).toBeGreaterThan(30)
    expect([...new Set(served)].filter((r) => !documented.includes(r))).toEqual([])
    expect(documented.filter((r) => !served.includes(r))).toEqual([])
  })

  it('carries the validation limits of the shared schemas', async () => {
    const doc = await (await stack.api('/api/openapi.json')).json()
    const limit = doc.paths['/api/images'].get.parameters.find((p: { name: string }) => p.name === 'limit')
    expect(limit.schema).toMatchObject({ minimum: 1, maximum: 200 })
    expect(doc.components.schemas.CreateJob.required).toEqual(['model', 'params'])
  })

  it('has a readable reference page listing every route', async () => {
    const res = await stack.api('/api/docs')
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    const html = await res.text()
    expect(html).toContain('<code>/api/jobs/{id}/retry</code>')
    expect(html).toContain('<main>')
    expect(html).not.toMatch(/<script/i)
  })
})
