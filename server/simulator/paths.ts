// The gateway's paths as the simulator serves them, and which fault route a request belongs to.
import { MODEL_IDS, MODELS, type ModelId } from '../../shared/catalogue'
import type { FaultRoute } from './faults'

/** `/ernie-image/v1/ernie-image-request` → `ernie-image`, for each model. */
export const GENERATE_PATHS = new Map<string, ModelId>(MODEL_IDS.map((id) => [`/${MODELS[id].endpointId}/v1/${id}-request`, id]))
export const LEGACY_RESULT_PATH = `/${MODELS['z-image-turbo'].endpointId}/v1/z-image-turbo-request-result`
export const STATUS_PREFIX = '/v2/requests/status/'
export const MEDIA_PREFIX = '/media/'

export type RequestRoute = FaultRoute | 'other'

/** Unknown paths count as `other`. */
export function routeOf(method: string, path: string): RequestRoute {
  if (path.startsWith(MEDIA_PREFIX)) return 'media'
  if (path.startsWith(STATUS_PREFIX)) return 'status'
  if (method === 'POST' && path === LEGACY_RESULT_PATH) return 'legacy'
  if (method === 'POST' && GENERATE_PATHS.has(path)) return 'generate'
  return 'other'
}
