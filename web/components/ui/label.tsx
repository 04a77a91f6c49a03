import type * as React from 'react'
import { cn } from '../../lib/cn'

export function Label({ className, ...props }: React.ComponentProps<'label'>) {
  return <label className={cn('text-sm leading-none font-medium text-foreground select-none', className)} {...props} />
}
