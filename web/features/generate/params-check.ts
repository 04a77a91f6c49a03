// The form's check of a draft against the model's rules: the shared parameter schemas (zod), in a
// chunk of their own that the form asks for when it first renders, so zod stays out of the first
// load (decision 029). The server checks every request with the same schemas.
import type { ModelId } from '../../../shared/catalogue'
import type { ValidatedParams } from '../../../shared/params'

export type ParamsCheck = (model: ModelId, input: unknown) => ValidatedParams

let loaded: ParamsCheck | undefined
let loading: Promise<ParamsCheck> | undefined

/** Starts loading the check (once); resolves with it. */
export const loadParamsCheck = () => (loading ??= import('../../../shared/params').then((m) => (loaded = m.validateParams)))

/** Runs `run` with the check: at once when it has loaded, else as soon as it has. */
export function withParamsCheck(run: (check: ParamsCheck) => void) {
  if (loaded) run(loaded)
  else void loadParamsCheck().then(run)
}
