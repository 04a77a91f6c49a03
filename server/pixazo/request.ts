// Builds a generate request body holding only the fields the model documents.
import { MODELS, type ModelId } from '../../shared/catalogue'

export function buildGenerateBody(model: ModelId, params: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const name of Object.keys(MODELS[model].params)) {
    const value = params[name]
    if (value !== undefined && value !== null) body[name] = value
  }
  return body
}
