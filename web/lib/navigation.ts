// Client-side navigation without a router library: the path is the page, history.pushState moves
// between pages, and popstate (back/forward) is heard by every component reading the location.
import { useSyncExternalStore } from 'react'

const EVENT = 'darkroom:navigate'

function subscribe(onChange: () => void) {
  window.addEventListener('popstate', onChange)
  window.addEventListener(EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(EVENT, onChange)
  }
}

/** Goes to an app path (`/compare/abc?x=1`) without reloading the page. */
export function navigate(to: string, { replace = false } = {}) {
  if (to === window.location.pathname + window.location.search) return
  if (replace) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  window.dispatchEvent(new Event(EVENT))
  if (!replace) document.scrollingElement?.scrollTo?.({ top: 0 })
}

const current = () => window.location.pathname + window.location.search

/** The current path and query, re-read on every navigation. */
export function useLocation() {
  const href = useSyncExternalStore(subscribe, current, () => '/')
  const url = new URL(href, 'http://darkroom.local')
  return { pathname: url.pathname, search: url.searchParams }
}
