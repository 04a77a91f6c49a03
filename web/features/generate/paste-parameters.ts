// Pasting AUTOMATIC1111 "parameters" text (or a Darkroom JSON) into the prompt box fills the whole
// form, and says what it could not use: keys Darkroom has no use for, and parameters the model lacks.
import { parseParametersText } from '../../../shared/a1111'
import { MODELS, type ModelId } from '../../../shared/catalogue'
import { draftFromParams, type Draft } from './draft'

export function pastedParameters(text: string, currentModel: ModelId): { draft: Draft; message: string } | null {
  const parsed = parseParametersText(text)
  if (!parsed) return null
  const model = parsed.model ?? currentModel
  const spec = MODELS[model]
  const unused = Object.keys(parsed.params).filter((k) => !Object.hasOwn(spec.params, k))
  const notes = [
    parsed.model ? null : `No Model: was given, so it stays ${spec.displayName}.`,
    parsed.ignored.length ? `Not used (Darkroom has no such setting): ${parsed.ignored.join(', ')}.` : null,
    unused.length ? `${spec.displayName} has no ${unused.join(', ')}; left out.` : null,
  ].filter(Boolean)
  return { draft: draftFromParams(model, parsed.params), message: [`Pasted parameters are in the form.`, ...notes].join(' ') }
}
