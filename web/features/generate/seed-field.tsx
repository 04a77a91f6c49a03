import type { SeedParam } from '../../../shared/catalogue'
import { Button } from '../../components/ui/button'
import { Field } from '../../components/ui/field'
import { Input } from '../../components/ui/input'
import type { Draft } from './draft'
import { DiceIcon } from '../../components/ui/dice-icon'

type SeedFieldProps = {
  spec: SeedParam
  value: Draft['seed']
  error?: string
  onChange: (seed: Draft['seed']) => void
}

function rollSeed(spec: SeedParam) {
  const [n = 0] = crypto.getRandomValues(new Uint32Array(1))
  return String(spec.min + (n % (spec.max - spec.min + 1)))
}

/** Random (the gateway picks, and the job records what it used) or a fixed seed to reproduce. */
export function SeedField({ spec, value, error, onChange }: SeedFieldProps) {
  return (
    <Field id="param-seed" label={spec.label} aside={`${spec.min}–${spec.max.toLocaleString('en-US')}`} hint={spec.hint} error={error}>
      {(control) => (
        <div className="flex items-center gap-2">
          <label className="flex h-9 shrink-0 cursor-pointer items-center gap-2 rounded-md border border-input px-3 text-sm select-none has-checked:border-primary/50 has-checked:bg-primary/10">
            <input
              type="checkbox"
              className="size-4 accent-primary"
              checked={value.random}
              onChange={(e) => onChange(e.target.checked ? { random: true, value: '' } : { random: false, value: value.value || rollSeed(spec) })}
            />
            Random seed
          </label>
          <Input
            {...control}
            name="seed"
            type="number"
            inputMode="numeric"
            min={spec.min}
            max={spec.max}
            placeholder={value.random ? 'Random' : ''}
            value={value.random ? '' : value.value}
            onChange={(e) => onChange({ random: false, value: e.target.value })}
          />
          <Button
            variant="outline"
            size="icon"
            aria-label="Roll a random seed"
            title="Roll a random seed"
            onClick={() => onChange({ random: false, value: rollSeed(spec) })}
          >
            <DiceIcon />
          </Button>
        </div>
      )}
    </Field>
  )
}
