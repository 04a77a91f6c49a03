import type { TextParam } from '../../../shared/catalogue'
import type { PromptHistoryEntry } from '../../../shared/gallery-api'
import { Field } from '../../components/ui/field'
import { Textarea } from '../../components/ui/textarea'
import { PromptHistory } from './prompt-history'
import { usePromptRecall } from './use-prompt-recall'

type PromptFieldProps = {
  spec: TextParam
  value: string
  error?: string
  onChange: (value: string) => void
  onPickHistory: (entry: PromptHistoryEntry) => void
  /** Pasted text; true when it was taken as something else (parameters text) and must not land in the box. */
  onPasteText?: (text: string) => boolean
}

const num = (n: number) => n.toLocaleString('en-US')

/** The prompt box, with earlier prompts a keystroke (Alt+↑ / Alt+↓) or a click (History) away. */
export function PromptField({ spec, value, error, onChange, onPickHistory, onPasteText }: PromptFieldProps) {
  const recall = usePromptRecall(value, onChange)
  return (
    <Field
      id="param-prompt"
      label={spec.label}
      hint={spec.hint}
      error={error}
      aside={
        <span className="flex items-center gap-1">
          <PromptHistory onPick={onPickHistory} />
          {num(value.length)} / {num(spec.maxLength)}
        </span>
      }
    >
      {(control) => (
        <Textarea
          {...control}
          name="prompt"
          rows={4}
          value={value}
          placeholder="A lighthouse on a basalt cliff at dusk, volumetric fog, 35mm film grain"
          onKeyDown={recall.onKeyDown}
          onPaste={(e) => {
            if (onPasteText?.(e.clipboardData.getData('text'))) e.preventDefault()
          }}
          onChange={(e) => {
            recall.onEdit()
            onChange(e.target.value)
          }}
        />
      )}
    </Field>
  )
}
