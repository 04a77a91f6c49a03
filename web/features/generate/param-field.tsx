import type { BoolParam, EnumParam, FloatParam, IntParam, ParamName, TextParam } from '../../../shared/catalogue'
import { Field } from '../../components/ui/field'
import { Input } from '../../components/ui/input'
import { Select } from '../../components/ui/select'
import { Switch } from '../../components/ui/switch'
import { Textarea } from '../../components/ui/textarea'
import type { FieldValue } from './draft'

type SimpleSpec = TextParam | IntParam | FloatParam | BoolParam | EnumParam

type ParamFieldProps = {
  name: ParamName
  spec: SimpleSpec
  value: FieldValue | undefined
  error?: string
  onChange: (value: FieldValue) => void
}

const num = (n: number) => n.toLocaleString('en-US')

const PLACEHOLDERS: Partial<Record<ParamName, string>> = {
  prompt: 'A lighthouse on a basalt cliff at dusk, volumetric fog, 35mm film grain',
  negative_prompt: 'blurry, watermark, extra fingers',
}

export function optionLabel(name: ParamName, option: string) {
  if (name === 'output_format') return option.toUpperCase()
  return option.charAt(0).toUpperCase() + option.slice(1)
}

/** One catalogue parameter as a labelled control with its range, default and hint. */
export function ParamField({ name, spec, value, error, onChange }: ParamFieldProps) {
  const id = `param-${name}`
  switch (spec.kind) {
    case 'text': {
      const text = typeof value === 'string' ? value : ''
      return (
        <Field id={id} label={spec.label} hint={spec.hint} error={error} aside={`${num(text.length)} / ${num(spec.maxLength)}`}>
          {(control) => (
            <Textarea
              {...control}
              name={name}
              rows={name === 'prompt' ? 4 : 2}
              value={text}
              placeholder={PLACEHOLDERS[name]}
              onChange={(e) => onChange(e.target.value)}
            />
          )}
        </Field>
      )
    }
    case 'int':
    case 'float':
      return (
        <Field id={id} label={spec.label} aside={`${spec.min}–${spec.max}`} hint={`${spec.hint} Default ${spec.default}.`} error={error}>
          {(control) => (
            <Input
              {...control}
              name={name}
              type="number"
              inputMode={spec.kind === 'int' ? 'numeric' : 'decimal'}
              min={spec.min}
              max={spec.max}
              step={spec.kind === 'float' ? spec.step : 1}
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => onChange(e.target.value)}
            />
          )}
        </Field>
      )
    case 'enum':
      return (
        <Field id={id} label={spec.label} hint={spec.hint} error={error}>
          {(control) => (
            <Select {...control} name={name} value={String(value ?? spec.default)} onChange={(e) => onChange(e.target.value)}>
              {spec.options.map((option) => (
                <option key={option} value={option}>
                  {optionLabel(name, option)}
                  {option === spec.default ? ' (default)' : ''}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )
    case 'bool':
      return (
        <Field id={id} label={spec.label} hint={spec.hint} error={error} inline>
          {(control) => <Switch {...control} name={name} checked={value === true} onChange={(e) => onChange(e.target.checked)} />}
        </Field>
      )
  }
}
