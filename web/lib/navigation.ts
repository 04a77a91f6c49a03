// The one browser history of the app. TanStack Router (web/routes/router.tsx) matches pages
// against it; features move through it with `navigate` and read it with `useLocation`, so they
// work the same inside the router and in a component test without one.
import { createBrowserHistory } from '@tanstack/react-router'
import { useSyncExternalStore } from 'react'

export const history = createBrowserHistory()

/** Goes to an app path (`/compare/abc?x=1`) without reloading the page; a new page starts at its top. */
export function navigate(to: string, { replace = false } = {}) {
  if (to === history.location.href) return
  if (replace) history.replace(to)
  else {
    history.push(to)
    document.scrollingElement?.scrollTo?.({ top: 0 })
  }
}

const current = () => history.location.href

/** The current path and query, re-read on every navigation. */
export function useLocation() {
  const href = useSyncExternalStore(history.subscribe, current, () => '/')
  const url = new URL(href, 'http://darkroom.local')
  return { pathname: url.pathname, search: url.searchParams }
}
