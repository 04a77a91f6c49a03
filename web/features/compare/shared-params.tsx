import { AXIS_INFO, SHARED_PARAMS, axisChoices, formatAxisValues, valueLabel, type SharedParam } from '../../../shared/compare-axes'
import { modelList } from '../../../shared/catalogue'
import { Button } from '../../components/ui/button'
import { Input } from '../../components/ui/input'
import { Select } from '../../components/ui/select'
import { Textarea } from '../../components/ui/textarea'
import type { SharedDraft } from './editor-draft'

type SharedParamsProps = {
  value: SharedDraft[]
  /** Parameters on an axis cannot also be shared. */
  onAxis: string[]
  errors: Record<string, string>
  onChange: (next: SharedDraft[]) => void
}

/** "min–max" over every model that has the parameter, so the user sees where n/a and limits come from. */
function rangeHint(param: SharedParam) {
  const specs = modelList().flatMap((m) => {
    const spec = m.params[param]
    return spec && (spec.kind === 'int' || spec.kind === 'float') ? [{ name: m.displayName, spec }] : []
  })
  const lacking = modelList()
    .filter((m) => !m.params[param])
    .map((m) => m.displayName)
  const ranges = specs.map(({ name, spec }) => `${name} ${spec.min}–${spec.max}`).join(', ')
  return [ranges, lacking.length ? `n/a for ${lacking.join(', ')}` : ''].filter(Boolean).join(' · ')
}

/** Parameters fixed for every cell. Anything not listed takes each model's own default. */
export function SharedParams({ value, onAxis, errors, onChange }: SharedParamsProps) {
  const used = value.map((s) => s.param)
  const addable = SHARED_PARAMS.filter((p) => !used.includes(p) && !onAxis.includes(p))
  const set = (param: SharedParam, text: string) => onChange(value.map((s) => (s.param === param ? { param, text } : s)))

  return (
    <div className="grid gap-2">
      {value.map(({ param, text }) => {
        const info = AXIS_INFO[param]
        const id = `shared-${param}`
        const error = errors[`shared.${param}`]
        const hint = rangeHint(param)
        return (
          <div key={param} className="grid gap-1">
            <div className="flex items-center gap-2">
              <label htmlFor={id} className="w-32 shrink-0 text-sm font-medium">
                {info.label}
              </label>
              <div className="min-w-0 flex-1">
                {info.input === 'choices' ? (
                  <Select id={id} value={text} onChange={(e) => set(param, e.target.value)}>
                    {axisChoices(param).map((c) => (
                      <option key={String(c)} value={formatAxisValues(param, [c])}>
                        {valueLabel(param, c)}
                      </option>
                    ))}
                  </Select>
                ) : param === 'negative_prompt' ? (
                  <Textarea id={id} rows={2} className="min-h-0" value={text} onChange={(e) => set(param, e.target.value)} />
                ) : (
                  <Input
                    id={id}
                    inputMode="decimal"
                    aria-invalid={error ? true : undefined}
                    value={text}
                    onChange={(e) => set(param, e.target.value)}
                  />
                )}
              </div>
              <Button
                variant="ghost"
                size="icon"
                aria-label={`Remove ${info.label}`}
                onClick={() => onChange(value.filter((s) => s.param !== param))}
              >
                <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
                  <path d="M6 6l12 12M18 6L6 18" />
                </svg>
              </Button>
            </div>
            {hint && <p className="pl-34 text-xs text-muted-foreground">{hint}</p>}
            {error && <p className="pl-34 text-xs font-medium text-destructive">⚠ {error}</p>}
          </div>
        )
      })}
      {addable.length > 0 && (
        <Select
          aria-label="Add a shared parameter"
          value=""
          onChange={(e) => {
            const param = e.target.value as SharedParam
            const first = axisChoices(param)[0]
            const defaults: Partial<Record<SharedParam, string>> = { num_inference_steps: '8', guidance_scale: '5' }
            onChange([...value, { param, text: first !== undefined ? formatAxisValues(param, [first]) : (defaults[param] ?? '') }])
          }}
        >
          <option value="">+ Fix a parameter for every cell…</option>
          {addable.map((p) => (
            <option key={p} value={p}>
              {AXIS_INFO[p].label}
            </option>
          ))}
        </Select>
      )}
    </div>
  )
}
