import { useRouter } from '@tanstack/react-router'
import type * as React from 'react'
import { navigate } from '../../lib/navigation'

/**
 * An ordinary link that moves within the app without a reload; new-tab clicks still work.
 * Pointing at it (hover, focus, touch) loads the target page's code first.
 */
export function Link({ href, onClick, onMouseEnter, onFocus, onTouchStart, ...props }: React.ComponentProps<'a'> & { href: string }) {
  // No router around a component under test: the link still navigates, it just preloads nothing.
  const router = useRouter({ warn: false }) as ReturnType<typeof useRouter> | undefined
  // `href` wins over `to` when both are given (router-core buildLocation); `to` only satisfies the type.
  const preload = () => void router?.preloadRoute({ href, to: '/' }).catch(() => undefined)
  return (
    <a
      href={href}
      onMouseEnter={(event) => {
        onMouseEnter?.(event)
        preload()
      }}
      onFocus={(event) => {
        onFocus?.(event)
        preload()
      }}
      onTouchStart={(event) => {
        onTouchStart?.(event)
        preload()
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
