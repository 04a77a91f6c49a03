import type * as React from 'react'
import { cn } from '../../lib/cn'
import { controlClass } from './input'

/** A native <select>: keyboard, screen readers and mobile pickers work without extra code. */
export function Select({ className, ...props }: React.ComponentProps<'select'>) {
  return (
    <div className="relative">
      <select className={cn(controlClass, 'h-9 cursor-pointer appearance-none pr-9', className)} {...props} />
      <svg
        aria-hidden="true"
        viewBox="0 0 16 16"
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted-foreground"
      >
        <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
    </div>
  )
}
