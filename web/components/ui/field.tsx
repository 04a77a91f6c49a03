import type * as React from 'react'
import { cn } from '../../lib/cn'
import { Label } from './label'

/** What a Field hands its control so the label, hint and error are announced with it. */
export type ControlProps = {
  id: string
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
  'aria-errormessage': string | undefined
}

type FieldProps = Omit<React.ComponentProps<'div'>, 'children'> & {
  id: string
  label: React.ReactNode
  /** Shown at the end of the label row, e.g. the allowed range. */
  aside?: React.ReactNode
  hint?: React.ReactNode
  error?: string
  /** Label and control on one row, for switches. */
  inline?: boolean
  children: (control: ControlProps) => React.ReactNode
}

export function Field({ id, label, aside, hint, error, inline, children, className, ...props }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const control = children({
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
    'aria-errormessage': errorId,
  })
  return (
    <div className={cn('grid content-start gap-1.5', className)} {...props}>
      <div className={cn('flex items-center justify-between gap-3', inline && 'min-h-9')}>
        <Label htmlFor={id}>{label}</Label>
        {aside && <span className="text-xs text-muted-foreground tabular-nums">{aside}</span>}
        {inline && control}
      </div>
      {!inline && control}
      {hint && (
        <p id={hintId} className="text-xs leading-snug text-muted-foreground">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="flex items-start gap-1.5 text-xs leading-snug font-medium text-destructive">
          <span aria-hidden="true">⚠</span>
          {error}
        </p>
      )}
    </div>
  )
}
