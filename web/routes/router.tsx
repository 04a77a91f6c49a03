// The app's pages: each page's address, its name in the tab, and its code — the playground in the
// first download, every other page loaded on demand, on a link's hover or focus, and when idle.
// A small table instead of a router library: it keeps ~30 KB of gzipped JS off the first load
// (decision 030).
import { Component, lazy, Suspense, useEffect, type ReactNode } from 'react'
import { setPreloader, useLocation } from '../lib/navigation'
import { NotFound } from './not-found'
import { Playground } from './playground'
import { RootLayout } from './root'

/** A page's code, fetched once: by `preload` ahead of time, or by React when the page renders. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props: each page says its own
function lazyPage<M extends Record<K, React.ComponentType<any>>, K extends keyof M>(load: () => Promise<M>, name: K) {
  let loading: Promise<M> | undefined
  // A failed fetch (a blip, a deploy) is forgotten, so the next try fetches again.
  const preload = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined
      throw error
    }))
  const Page = lazy(() => preload().then((module) => ({ default: module[name] })))
  return { Page, preload }
}

const gallery = lazyPage(() => import('../features/gallery/gallery-page'), 'GalleryPage')
const spend = lazyPage(() => import('../features/spend/spend-page'), 'SpendPage')
const compare = lazyPage(() => import('../features/compare/compare-page'), 'ComparePage')
const sideBySide = lazyPage(() => import('../features/compare/side-by-side-page'), 'SideBySidePage')
const comparison = lazyPage(() => import('../features/compare/comparison-page'), 'ComparisonPage')

/** A search value kept when it is text of at most `max` characters; anything else reads as absent. */
const text = (value: string | null, max: number) => (value !== null && value.length <= max ? value : undefined)

type Match = { params: string[]; search: URLSearchParams }
type Page = {
  /** The address, with `*` for one path segment (`/compare/*`). */
  path: string
  /** The page's name in the tab and history: "Gallery · Darkroom". */
  title: string
  render: (match: Match) => ReactNode
  preload?: () => Promise<unknown>
}

// First match wins: `/compare/side` before `/compare/*`.
const pages: Page[] = [
  { path: '/', title: 'Playground', render: () => <Playground /> },
  { path: '/gallery', title: 'Gallery', render: () => <gallery.Page />, preload: gallery.preload },
  { path: '/spend', title: 'Spend', render: () => <spend.Page />, preload: spend.preload },
  {
    path: '/compare',
    title: 'Compare',
    render: ({ search }) => <compare.Page from={text(search.get('from'), 200) ?? null} />,
    preload: compare.preload,
  },
  {
    path: '/compare/side',
    title: 'Side by side',
    // `images=a,b,c`: kept a plain comma list, so the address stays readable and shareable.
    render: ({ search }) => <sideBySide.Page ids={(text(search.get('images'), 2000) ?? '').split(',').filter(Boolean).slice(0, 4)} />,
    preload: sideBySide.preload,
  },
  {
    path: '/compare/*',
    title: 'Comparison',
    render: ({ params: [id = ''] }) => <comparison.Page key={id} id={id} />,
    preload: comparison.preload,
  },
]

/** The page for a path and the values of its `*` segments; a trailing slash is ignored. */
function findPage(pathname: string): { page: Page; params: string[] } | undefined {
  const segments = pathname.replace(/\/+$/, '').split('/').slice(1)
  for (const page of pages) {
    const pattern = page.path === '/' ? [] : page.path.split('/').slice(1)
    if (pattern.length !== segments.length) continue
    const params: string[] = []
    const matches = pattern.every((part, i) => {
      if (part !== '*') return part === segments[i]
      try {
        params.push(decodeURIComponent(segments[i]!))
      } catch {
        return false
      }
      return true
    })
    if (matches) return { page, params }
  }
  return undefined
}

setPreloader(
  (pathname) =>
    void findPage(pathname)
      ?.page.preload?.()
      .catch(() => undefined),
)

/** Loads every page's code in the background once the first page is up, so later clicks are instant. */
export function preloadAllPages() {
  for (const page of pages) void page.preload?.().catch(() => undefined)
}

const Loading = () => <p className="p-10 text-center text-sm text-muted-foreground">Loading…</p>

/** A page whose code could not be fetched (offline, a deploy replaced it) says so instead of a blank screen. */
class PageLoadError extends Component<{ children: ReactNode; pathname: string }, { failed: boolean; pathname: string }> {
  state = { failed: false, pathname: this.props.pathname }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  // Moving to another page is a fresh start.
  static getDerivedStateFromProps(props: { pathname: string }, state: { pathname: string }) {
    return props.pathname === state.pathname ? null : { failed: false, pathname: props.pathname }
  }
  render() {
    if (!this.state.failed) return this.props.children
    return (
      <div role="alert" className="mx-auto grid max-w-xl gap-3 px-4 py-20 text-center">
        <h2 className="text-2xl font-semibold tracking-tight">This page could not load</h2>
        <p className="text-sm text-muted-foreground">The connection may have dropped, or Darkroom was updated. Reloading usually fixes it.</p>
        <p>
          <button type="button" className="text-sm font-medium text-primary underline underline-offset-4" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </p>
      </div>
    )
  }
}

/** The tab's title follows the page; the not-found page sets its own. */
function usePageTitle(title: string | undefined) {
  useEffect(() => {
    if (title) document.title = title === 'Playground' ? 'Darkroom' : `${title} · Darkroom`
  }, [title])
}

/** The whole app's pages: the header and toasts around the page the address names. */
export function Router() {
  const { pathname, search } = useLocation()
  const found = findPage(pathname)
  usePageTitle(found?.page.title)
  return (
    <RootLayout>
      <PageLoadError pathname={pathname}>
        <Suspense fallback={<Loading />}>{found ? found.page.render({ params: found.params, search }) : <NotFound />}</Suspense>
      </PageLoadError>
    </RootLayout>
  )
}
