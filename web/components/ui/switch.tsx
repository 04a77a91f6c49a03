import type * as React from 'react'
import { cn } from '../../lib/cn'

/** A checkbox drawn as a switch; it stays a checkbox to assistive technology and to tests. */
export function Switch({ className, ...props }: Omit<React.ComponentProps<'input'>, 'type'>) {
  return (
    <input
      type="checkbox"
      className={cn(
        'relative h-5 w-9 shrink-0 cursor-pointer appearance-none rounded-full bg-input transition-colors outline-none',
        'before:absolute before:top-0.5 before:left-0.5 before:size-4 before:rounded-full before:bg-foreground before:shadow before:transition-transform',
        'checked:bg-primary checked:before:translate-x-4 checked:before:bg-primary-foreground',
        'focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background disabled:cursor-not-allowed disabled:opacity-50',
        className,
      )}
      {...props}
    />
  )
}
