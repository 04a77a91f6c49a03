// The app's pages. Code-based routes: each page's address, typed search params (checked, so a
// hand-edited URL cannot reach a page as garbage) and its lazily loaded component.
import { createRootRoute, createRoute, createRouter, lazyRouteComponent, useParams, useSearch } from '@tanstack/react-router'
import { history } from '../lib/navigation'
import { NotFound } from './not-found'
import { Playground } from './playground'
import { RootLayout } from './root'

const Loading = () => <p className="p-10 text-center text-sm text-muted-foreground">Loading…</p>

const rootRoute = createRootRoute({ component: RootLayout, notFoundComponent: NotFound })

const playgroundRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: Playground, staticData: { title: 'Playground' } })

/** A search value kept when it is text of at most `max` characters; anything else reads as absent. */
const text = (value: unknown, max: number) => (typeof value === 'string' && value.length <= max ? value : undefined)
// Plain checks rather than zod: the router is on the first load, zod is not (decision 029).
const gallerySearch = (search: Record<string, unknown>): { q?: string; sort?: 'newest' | 'oldest' } => ({
  q: text(search.q, 2000),
  sort: search.sort === 'newest' || search.sort === 'oldest' ? search.sort : undefined,
})
const galleryRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/gallery',
  validateSearch: gallerySearch,
  component: lazyRouteComponent(() => import('../features/gallery/gallery-page'), 'GalleryPage'),
  staticData: { title: 'Gallery' },
})

const spendRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/spend',
  component: lazyRouteComponent(() => import('../features/spend/spend-page'), 'SpendPage'),
  staticData: { title: 'Spend' },
})

const ComparePage = lazyRouteComponent(() => import('../features/compare/compare-page'), 'ComparePage')
const compareRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/compare',
  validateSearch: (search: Record<string, unknown>): { from?: string } => ({ from: text(search.from, 200) }),
  component: function CompareRoute() {
    const { from } = useSearch({ from: '/compare' })
    return <ComparePage from={from ?? null} />
  },
  staticData: { title: 'Compare' },
})

const SideBySidePage = lazyRouteComponent(() => import('../features/compare/side-by-side-page'), 'SideBySidePage')
const sideBySideRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/compare/side',
  // `images=a,b,c`: kept a plain comma list, so the address stays readable and shareable.
  validateSearch: (search: Record<string, unknown>): { images?: string } => ({ images: text(search.images, 2000) }),
  component: function SideBySideRoute() {
    const { images } = useSearch({ from: '/compare/side' })
    return <SideBySidePage ids={(images ?? '').split(',').filter(Boolean).slice(0, 4)} />
  },
  staticData: { title: 'Side by side' },
})

const ComparisonPage = lazyRouteComponent(() => import('../features/compare/comparison-page'), 'ComparisonPage')
const comparisonRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/compare/$id',
  component: function ComparisonRoute() {
    const { id } = useParams({ from: '/compare/$id' })
    return <ComparisonPage key={id} id={id} />
  },
  staticData: { title: 'Comparison' },
})

const routeTree = rootRoute.addChildren([playgroundRoute, galleryRoute, spendRoute, compareRoute, sideBySideRoute, comparisonRoute])

/** The app's router over the one browser history (web/lib/navigation.ts). */
export const createAppRouter = () =>
  createRouter({
    routeTree,
    history,
    // Hovering or focusing a link loads that page's code; idle time loads the rest (see main.tsx).
    defaultPreload: 'intent',
    defaultPendingComponent: Loading,
    // `images=a,b` stays a plain string: search values are not JSON-encoded.
    parseSearch: (search) => Object.fromEntries(new URLSearchParams(search)),
    stringifySearch: (search) => {
      const text = new URLSearchParams(
        Object.entries(search)
          .filter(([, v]) => v !== undefined && v !== '')
          .map(([k, v]) => [k, String(v)]),
      ).toString()
      return text ? `?${text}` : ''
    },
  })

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>
  }
}

/** Loads every page's code in the background once the first page is up, so later clicks are instant. */
export function preloadAllPages() {
  for (const route of [galleryRoute, spendRoute, compareRoute, sideBySideRoute, comparisonRoute]) void route.options.component?.preload?.()
}
