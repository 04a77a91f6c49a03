import type * as React from 'react'
import { cn } from '../../lib/cn'

/** A small on/off button for picking values from a set; screen readers hear it as pressed or not. */
export function ToggleChip({ pressed, className, ...props }: React.ComponentProps<'button'> & { pressed: boolean }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      className={cn(
        'inline-flex h-7 cursor-pointer items-center gap-1.5 rounded-full border px-3 text-xs font-medium whitespace-nowrap transition-colors outline-none focus-visible:ring-2 focus-visible:ring-ring',
        pressed
          ? 'border-primary/60 bg-primary/15 text-foreground'
          : 'border-border bg-transparent text-muted-foreground line-through decoration-muted-foreground/50 hover:bg-accent hover:text-foreground',
        className,
      )}
      {...props}
    />
  )
}
