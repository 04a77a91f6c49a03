// The app's one browser history: `navigate` moves through it, `useLocation` reads it, and the
// router (web/routes/router.tsx) picks the page from it. Features and their component tests use
// these alone, so they work the same with or without the router around them.
import { useSyncExternalStore } from 'react'

const listeners = new Set<() => void>()
const notify = () => {
  for (const listener of listeners) listener()
}
// Back and forward: the browser has already moved; everyone re-reads the address.
window.addEventListener('popstate', notify)

const current = () => `${window.location.pathname}${window.location.search}${window.location.hash}`

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

/** Goes to an app path (`/compare/abc?x=1`) without reloading the page; a new page starts at its top. */
export function navigate(to: string, { replace = false } = {}) {
  if (to === current()) return
  if (replace) window.history.replaceState(null, '', to)
  else {
    window.history.pushState(null, '', to)
    document.scrollingElement?.scrollTo?.({ top: 0 })
  }
  notify()
}

/** The current path and query, re-read on every navigation. */
export function useLocation() {
  const href = useSyncExternalStore(subscribe, current, () => '/')
  const url = new URL(href, 'http://darkroom.local')
  return { pathname: url.pathname, search: url.searchParams }
}

let preloader: (pathname: string) => void = () => undefined

/** Loads the code of the page at `href` ahead of a click (links call it on hover, focus and touch). */
export function preloadHref(href: string) {
  preloader(new URL(href, 'http://darkroom.local').pathname)
}

/** The router says how to load a page's code; without a router (a component test) preloading does nothing. */
export function setPreloader(load: (pathname: string) => void) {
  preloader = load
}
