import type * as React from 'react'
import { navigate, preloadHref } from '../../lib/navigation'

/**
 * An ordinary link that moves within the app without a reload; new-tab clicks still work.
 * Pointing at it (hover, focus, touch) loads the target page's code first.
 */
export function Link({ href, onClick, onMouseEnter, onFocus, onTouchStart, ...props }: React.ComponentProps<'a'> & { href: string }) {
  return (
    <a
      href={href}
      onMouseEnter={(event) => {
        onMouseEnter?.(event)
        preloadHref(href)
      }}
      onFocus={(event) => {
        onFocus?.(event)
        preloadHref(href)
      }}
      onTouchStart={(event) => {
        onTouchStart?.(event)
        preloadHref(href)
      }}
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
