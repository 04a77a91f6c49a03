import { Hono } from 'hono'
import { buildOpenApiDocument } from '../openapi/document'
import { renderReferencePage } from '../openapi/reference-page'

export const openApiRoutes = () => {
  // Built once: the schemas do not change while the server runs.
  const doc = buildOpenApiDocument()
  const page = renderReferencePage(doc)
  return new Hono().get('/openapi.json', (c) => c.json(doc, 200)).get('/docs', (c) => c.html(page, 200))
}
