// A readable reference for the API: plain HTML rendered from the OpenAPI document (no scripts, so it
// works under the strict CSP and for anyone with curl and a browser).
import { escapeXml } from '../../shared/xml'
import type { OpenApiDocument } from './document'

type Op = {
  summary: string
  tags: string[]
  parameters?: { name: string; in: string; required: boolean }[]
  requestBody?: { content: Record<string, { schema: { $ref: string } }> }
  responses: Record<string, { description: string }>
}

const refName = (ref: string) => ref.split('/').pop() ?? ref

export function renderReferencePage(doc: OpenApiDocument): string {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op: op as Op })))
  const sections = doc.tags
    .map((tag) => {
      const rows = ops
        .filter(({ op }) => op.tags.includes(tag.name))
        .map(({ path, method, op }) => {
          const params = (op.parameters ?? [])
            .map((p) => `<code>${escapeXml(p.name)}</code> <small>${p.in}${p.required ? ', required' : ''}</small>`)
            .join('<br>')
          const body = op.requestBody
            ? `<a href="#schema-${refName(Object.values(op.requestBody.content)[0]!.schema.$ref)}">${refName(Object.values(op.requestBody.content)[0]!.schema.$ref)}</a>`
            : ''
          const statuses = Object.keys(op.responses).join(' ')
          return `<tr><td><b>${method.toUpperCase()}</b> <code>${escapeXml(path)}</code><br>${escapeXml(op.summary)}</td><td>${params}</td><td>${body}</td><td>${statuses}</td></tr>`
        })
        .join('\n')
      return `<section aria-labelledby="tag-${tag.name}"><h2 id="tag-${tag.name}">${escapeXml(tag.name)}</h2><p>${escapeXml(tag.description)}</p>
<table><thead><tr><th scope="col">Route</th><th scope="col">Parameters</th><th scope="col">Body</th><th scope="col">Statuses</th></tr></thead><tbody>${rows}</tbody></table></section>`
    })
    .join('\n')
  const schemas = Object.entries(doc.components.schemas)
    .map(
      ([name, schema]) => `<details id="schema-${name}"><summary>${name}</summary><pre>${escapeXml(JSON.stringify(schema, null, 2))}</pre></details>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>API reference · Darkroom</title>
<style>
:root{color-scheme:light dark}body{margin:0;font:15px/1.5 system-ui,sans-serif}main{max-width:1100px;margin:0 auto;padding:24px}
table{border-collapse:collapse;width:100%;margin-bottom:24px}th,td{border-bottom:1px solid #8884;padding:6px 8px;text-align:left;vertical-align:top}
code{font:13px ui-monospace,monospace}pre{overflow:auto;font-size:12px;padding:8px;border:1px solid #8884;border-radius:6px}
</style></head><body><main>
<h1>Darkroom API ${escapeXml(doc.info.version)}</h1>
<p>${escapeXml(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${doc.openapi}).</p>
${sections}
<section aria-labelledby="schemas"><h2 id="schemas">Schemas</h2>${schemas}</section>
</main></body></html>`
}
