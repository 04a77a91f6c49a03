import type * as React from 'react'
import { cn } from '../../lib/cn'

export const controlClass =
  'w-full rounded-md border border-input bg-background/60 px-3 text-sm text-foreground shadow-xs transition-colors outline-none placeholder:text-muted-foreground/70 focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/30 disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-destructive aria-invalid:ring-destructive/25'

export function Input({ className, ...props }: React.ComponentProps<'input'>) {
  return <input className={cn(controlClass, 'h-9 py-1', className)} {...props} />
}
