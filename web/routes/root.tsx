import { Toaster } from '../components/ui/toast'
import { AppHeader } from '../features/settings/app-header'
import { useLiveUpdates } from '../queries/events'

/** Every page: the header, the page itself as the one `main`, and the toasts. */
export function RootLayout({ children }: { children: React.ReactNode }) {
  // One long-poll for the whole app: every page hears of jobs and images made anywhere (decision 016).
  useLiveUpdates()
  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-sm font-medium text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <AppHeader />
      <main id="main" tabIndex={-1} className="outline-none">
        {children}
      </main>
      <Toaster />
    </div>
  )
}
