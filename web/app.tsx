import { lazy, Suspense } from 'react'
import { GenerateForm } from './features/generate/generate-form'
import { RecentImages } from './features/gallery/recent-images'
import { JobList } from './features/jobs/job-list'
import { ResultStage } from './features/jobs/result-stage'
import { AppHeader } from './features/settings/app-header'
import { Link } from './components/ui/link'
import { Toaster } from './components/ui/toast'
import { cn } from './lib/cn'
import { useLocation } from './lib/navigation'
import { useLiveUpdates } from './queries/events'

// Pages other than the playground load on first visit, keeping the first download small.
const GalleryPage = lazy(() => import('./features/gallery/gallery-page').then((m) => ({ default: m.GalleryPage })))
const ComparePage = lazy(() => import('./features/compare/compare-page').then((m) => ({ default: m.ComparePage })))
const ComparisonPage = lazy(() => import('./features/compare/comparison-page').then((m) => ({ default: m.ComparisonPage })))
const SpendPage = lazy(() => import('./features/spend/spend-page').then((m) => ({ default: m.SpendPage })))
const SideBySidePage = lazy(() => import('./features/compare/side-by-side-page').then((m) => ({ default: m.SideBySidePage })))

function Playground() {
  return (
    <main className="mx-auto grid max-w-[1600px] gap-6 px-4 py-6 sm:px-6 lg:grid-cols-[26rem_minmax(0,1fr)] lg:items-start">
      <div className="lg:sticky lg:top-20 lg:max-h-[calc(100dvh-6rem)] lg:overflow-y-auto lg:rounded-xl [scrollbar-width:thin]">
        <GenerateForm />
      </div>
      <div className="grid min-w-0 gap-6">
        <ResultStage />
        <JobList />
        <RecentImages />
      </div>
    </main>
  )
}

/** The page for a path: `/` playground, `/gallery`, `/compare` new comparison, `/compare/<id>` a saved one, `/spend`. */
function Page({ pathname, search }: ReturnType<typeof useLocation>) {
  if (pathname === '/gallery' || pathname === '/gallery/') return <GalleryPage />
  if (pathname === '/spend') return <SpendPage />
  if (pathname === '/compare' || pathname === '/compare/') return <ComparePage from={search.get('from')} />
  if (pathname === '/compare/side') return <SideBySidePage ids={(search.get('images') ?? '').split(',').filter(Boolean).slice(0, 4)} />
  if (pathname.startsWith('/compare/')) return <ComparisonPage key={pathname} id={decodeURIComponent(pathname.slice('/compare/'.length))} />
  return <Playground />
}

const NAV = [
  { href: '/', label: 'Playground', active: (p: string) => p === '/' },
  { href: '/gallery', label: 'Gallery', active: (p: string) => p.startsWith('/gallery') },
  { href: '/compare', label: 'Compare', active: (p: string) => p.startsWith('/compare') },
  { href: '/spend', label: 'Spend', active: (p: string) => p.startsWith('/spend') },
]

export function App() {
  const location = useLocation()
  useLiveUpdates()
  return (
    <div className="min-h-dvh">
      <AppHeader
        nav={
          <nav aria-label="Pages" className="flex gap-1">
            {NAV.map((item) => (
              <Link
                key={item.href}
                href={item.href}
                aria-current={item.active(location.pathname) ? 'page' : undefined}
                className={cn(
                  'rounded-md px-3 py-1.5 text-sm text-muted-foreground transition-colors outline-none hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring',
                  'aria-[current=page]:bg-accent aria-[current=page]:font-medium aria-[current=page]:text-foreground',
                )}
              >
                {item.label}
              </Link>
            ))}
          </nav>
        }
      />
      <Suspense fallback={<p className="p-10 text-center text-sm text-muted-foreground">Loading…</p>}>
        <Page {...location} />
      </Suspense>
      <Toaster />
    </div>
  )
}
