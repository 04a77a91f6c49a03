import { SIZE_PRESETS, type SizeParam } from '../../../shared/catalogue'
import { Field } from '../../components/ui/field'
import { Input } from '../../components/ui/input'
import { Label } from '../../components/ui/label'
import { Select } from '../../components/ui/select'
import { CUSTOM_SIZE, type Draft } from './draft'

type SizeFieldProps = {
  spec: SizeParam
  value: Draft['size']
  error?: string
  onChange: (size: Draft['size']) => void
}

const num = (n: number) => n.toLocaleString('en-US')

export function presetLabel(id: keyof typeof SIZE_PRESETS) {
  const { label, pixels } = SIZE_PRESETS[id]
  return pixels ? `${label} · ${pixels.width}×${pixels.height}` : `${label} · size set by Pixazo`
}

/** A preset, or "Custom…" with width × height inside the model's limits. */
export function SizeField({ spec, value, error, onChange }: SizeFieldProps) {
  const { min, max, maxPixels } = spec.custom
  const custom = value.preset === CUSTOM_SIZE
  // Said while typing, not only on Generate: a red box names its limit.
  const sideError = (side: 'width' | 'height') => {
    const text = value[side].trim()
    const n = Number(text)
    if (!custom || text === '' || !Number.isFinite(n)) return undefined
    const name = side === 'width' ? 'Width' : 'Height'
    if (n < min) return `${name} must be at least ${min} px`
    if (n > max) return `${name} must be at most ${max} px`
    return undefined
  }
  const live = sideError('width') ?? sideError('height')
  const hint = custom ? `${min}–${max} px per side, at most ${num(maxPixels)} pixels in total.` : spec.hint
  return (
    <Field id="param-image_size" label={spec.label} hint={hint} error={error ?? live}>
      {(control) => (
        <div className="grid gap-2">
          <Select {...control} name="image_size" value={value.preset} onChange={(e) => onChange({ ...value, preset: e.target.value })}>
            {spec.presets.map((id) => (
              <option key={id} value={id}>
                {presetLabel(id)}
              </option>
            ))}
            <option value={CUSTOM_SIZE}>Custom…</option>
          </Select>
          {custom && (
            <div className="flex items-end gap-2">
              {(['width', 'height'] as const).map((side, i) => (
                <div key={side} className="flex flex-1 items-end gap-2">
                  {i === 1 && (
                    <span aria-hidden="true" className="pb-2 text-muted-foreground">
                      ×
                    </span>
                  )}
                  <div className="grid flex-1 gap-1">
                    <Label htmlFor={`param-image_size-${side}`} className="text-xs text-muted-foreground">
                      {side === 'width' ? 'Width' : 'Height'}
                    </Label>
                    <Input
                      id={`param-image_size-${side}`}
                      type="number"
                      inputMode="numeric"
                      min={min}
                      max={max}
                      step={8}
                      aria-invalid={sideError(side) ? true : error ? control['aria-invalid'] : undefined}
                      aria-describedby={control['aria-describedby']}
                      value={value[side]}
                      onChange={(e) => onChange({ ...value, [side]: e.target.value })}
                    />
                  </div>
                </div>
              ))}
            </div>
          )}
        </div>
      )}
    </Field>
  )
}
