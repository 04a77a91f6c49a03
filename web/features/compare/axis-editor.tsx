import { AXIS_INFO, AXIS_PARAMS, axisChoices, formatAxisValues, parseAxisValues, valueLabel, type AxisParam } from '../../../shared/compare-axes'
import type { AxisKey } from '../../../shared/compare'
import { Input } from '../../components/ui/input'
import { Select } from '../../components/ui/select'
import { Textarea } from '../../components/ui/textarea'
import { ToggleChip } from '../../components/ui/toggle-chip'
import type { AxisDraft } from './editor-draft'

const ROLE: Record<AxisKey, string> = { x: 'columns', y: 'rows', z: 'pages' }
const HINT = {
  numbers: 'A list (4, 8, 12) or a range: 4-12 (+4) steps by 4, 1-20 [5] spreads five values.',
  words: 'Comma-separated. The first value is the text to find in the prompt; each value replaces it.',
  lines: 'One per line. A line with only "" is an empty value.',
  choices: '',
}
const PARAM_LABEL = (p: AxisParam) => (p === 'prompt_sr' ? 'Prompt search/replace' : AXIS_INFO[p].label)

type AxisEditorProps = {
  axisKey: AxisKey
  value: AxisDraft
  /** Parameters already on another axis. */
  taken: AxisParam[]
  error?: string
  /** Cells this axis puts out of their model's range: they are skipped, the rest runs. */
  warning?: string
  onChange: (next: AxisDraft) => void
}

/** One axis: what it varies and its values, typed (lists and ranges) or picked. */
export function AxisEditor({ axisKey, value, taken, error, warning, onChange }: AxisEditorProps) {
  const letter = axisKey.toUpperCase()
  const id = `axis-${axisKey}`
  const param = value.param
  const parsed = param ? parseAxisValues(param, value.text) : null
  const shownError = error ?? (parsed && !parsed.ok && value.text.trim() ? parsed.error : undefined)
  const input = param ? AXIS_INFO[param].input : null

  function pick(next: AxisParam | '') {
    const text = next && AXIS_INFO[next].input === 'choices' ? formatAxisValues(next, axisChoices(next)) : ''
    onChange({ param: next, text })
  }

  return (
    <fieldset
      className="grid gap-2 rounded-lg border border-border bg-background/40 p-3"
      aria-describedby={shownError ? `${id}-error` : warning ? `${id}-warning` : undefined}
    >
      <legend className="sr-only">{letter} axis</legend>
      <div className="flex items-center gap-3">
        <span
          aria-hidden="true"
          className="grid size-7 shrink-0 place-items-center rounded-md bg-primary/15 font-mono text-sm font-semibold text-primary"
        >
          {letter}
        </span>
        <div className="min-w-0 flex-1">
          <Select aria-label={`${letter} axis`} value={param} onChange={(e) => pick(e.target.value as AxisParam | '')}>
            <option value="">{axisKey === 'x' ? 'Nothing (one column)' : `Nothing (one ${ROLE[axisKey].slice(0, -1)})`}</option>
            {AXIS_PARAMS.map((p) => (
              <option key={p} value={p} disabled={taken.includes(p)}>
                {PARAM_LABEL(p)}
              </option>
            ))}
          </Select>
        </div>
        <span className="w-14 text-right text-xs text-muted-foreground">{ROLE[axisKey]}</span>
      </div>
      {param && input === 'choices' && <ChoiceValues param={param} text={value.text} onChange={(text) => onChange({ param, text })} />}
      {param && input === 'lines' && (
        <Textarea
          aria-label={`${letter} values`}
          aria-invalid={shownError ? true : undefined}
          rows={3}
          value={value.text}
          placeholder={'a red fox in fresh snow\na grey heron at dawn'}
          onChange={(e) => onChange({ param, text: e.target.value })}
        />
      )}
      {param && (input === 'numbers' || input === 'words') && (
        <Input
          aria-label={`${letter} values`}
          aria-invalid={shownError ? true : undefined}
          value={value.text}
          placeholder={input === 'numbers' ? '4, 8, 12  or  4-12 (+4)  or  1-20 [5]' : 'fox, heron, owl'}
          onChange={(e) => onChange({ param, text: e.target.value })}
        />
      )}
      {param && input && HINT[input] && <p className="text-xs leading-snug text-muted-foreground">{HINT[input]}</p>}
      {parsed?.ok && input !== 'choices' && (
        <p className="flex flex-wrap items-center gap-1 text-xs text-muted-foreground" aria-label={`${letter} values read`}>
          <span className="mr-1 tabular-nums">
            {parsed.values.length} value{parsed.values.length === 1 ? '' : 's'}:
          </span>
          {parsed.values.slice(0, 12).map((v, i) => (
            <span key={i} className="max-w-48 truncate rounded bg-muted px-1.5 py-0.5 font-mono text-[11px] text-foreground/85">
              {valueLabel(param as AxisParam, v)}
            </span>
          ))}
          {parsed.values.length > 12 && <span>… {parsed.values.length - 12} more</span>}
        </p>
      )}
      {warning && !shownError && (
        <p id={`${id}-warning`} className="flex items-start gap-1.5 text-xs leading-snug text-warning">
          <span aria-hidden="true">⚠</span>
          {warning}
        </p>
      )}
      {shownError && (
        <p id={`${id}-error`} className="flex items-start gap-1.5 text-xs leading-snug font-medium text-destructive">
          <span aria-hidden="true">⚠</span>
          {shownError}
        </p>
      )}
    </fieldset>
  )
}

function ChoiceValues({ param, text, onChange }: { param: AxisParam; text: string; onChange: (text: string) => void }) {
  const parsed = parseAxisValues(param, text)
  const selected = parsed.ok ? parsed.values.map((v) => JSON.stringify(v)) : []
  const choices = axisChoices(param)
  const toggle = (key: string) => {
    const next = choices.filter((c) => (JSON.stringify(c) === key ? !selected.includes(key) : selected.includes(JSON.stringify(c))))
    onChange(formatAxisValues(param, next))
  }
  return (
    <div role="group" aria-label={`${AXIS_INFO[param].label} values`} className="flex flex-wrap gap-1.5">
      {choices.map((choice) => {
        const key = JSON.stringify(choice)
        return (
          <ToggleChip key={key} pressed={selected.includes(key)} onClick={() => toggle(key)}>
            {valueLabel(param, choice)}
          </ToggleChip>
        )
      })}
    </div>
  )
}
