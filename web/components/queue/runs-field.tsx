import { useId } from 'react'
import { MAX_EXPANSION } from '../../../shared/dynamic-prompts'
import { Input } from '../ui/input'

/** How many runs a typed count asks for, or why it cannot. */
export function runCount(text: string): { ok: true; count: number } | { ok: false; message: string } {
  const n = Number(text)
  return Number.isInteger(n) && n >= 1 && n <= MAX_EXPANSION
    ? { ok: true, count: n }
    : { ok: false, message: `Runs must be a whole number between 1 and ${MAX_EXPANSION}` }
}

/** "N runs" beside Generate: the same settings N times, a new seed each, sent as one batch. */
export function RunsField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const check = runCount(value)
  const id = useId()
  return (
    <div className="flex flex-wrap items-center justify-end gap-1.5 text-xs text-muted-foreground">
      <label htmlFor={id}>Runs</label>
      <Input
        id={id}
        name="runs"
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_EXPANSION}
        value={value}
        aria-invalid={!check.ok || undefined}
        aria-describedby={check.ok ? undefined : `${id}-error`}
        title="The same settings this many times, a new seed each"
        onChange={(event) => onChange(event.target.value)}
        className="h-9 w-16 tabular-nums"
      />
      {!check.ok && (
        <span id={`${id}-error`} role="alert" className="basis-full text-right text-destructive">
          {check.message}
        </span>
      )}
    </div>
  )
}
