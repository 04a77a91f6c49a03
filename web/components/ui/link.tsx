import type * as React from 'react'
import { navigate } from '../../lib/navigation'

/** An ordinary link that moves within the app without a reload; new-tab clicks still work. */
export function Link({ href, onClick, ...props }: React.ComponentProps<'a'> & { href: string }) {
  return (
    <a
      href={href}
      onClick={(event) => {
        onClick?.(event)
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
        event.preventDefault()
        navigate(href)
      }}
      {...props}
    />
  )
}
