import { useQuery } from '@tanstack/react-query'
import { useSyncExternalStore } from 'react'
import { authQueries } from '../../queries/auth'
import { markSigningOut, serverReachability } from '../../queries/client'
import { settingsQueries } from '../../queries/settings'
import { Badge } from '../../components/ui/badge'
import { DemoBanner } from './demo-banner'
import { PageNav } from './page-nav'
import { ThemeToggle } from './theme-toggle'

/** What the header says about the server: its mode, or that it cannot be reached (never a stale mode). */
function ServerBadge() {
  const settings = useQuery(settingsQueries.get())
  const reachable = useSyncExternalStore(serverReachability.subscribe, serverReachability.get, () => true)
  if (!reachable || settings.isError) {
    return (
      <Badge variant="destructive" role="status" title={settings.error?.message ?? 'The last request could not reach the Darkroom server.'}>
        Server unreachable
      </Badge>
    )
  }
  if (settings.data?.mode === 'live') return <Badge variant="success">Live · Pixazo</Badge>
  if (settings.data?.mode === 'demo') return <Badge variant="warning">Demo · simulator</Badge>
  return null
}

/** The app's name, its pages, the server's mode, the theme and (with a password) sign out; wraps on a phone. */
export function AppHeader() {
  const settings = useQuery(settingsQueries.get())
  const session = useQuery(authQueries.session())
  const reachable = useSyncExternalStore(serverReachability.subscribe, serverReachability.get, () => true)
  return (
    <>
      {/* Opaque, no backdrop blur: a blurred sticky bar costs frames on every scroll. */}
      <header className="sticky top-0 z-40 border-b border-border bg-background">
        <div className="mx-auto flex h-(--header-h) max-w-[1600px] flex-wrap content-center items-center gap-x-3 gap-y-1 px-3 sm:px-6 md:flex-nowrap">
          <span aria-hidden="true" className="grid size-7 shrink-0 place-items-center rounded-md bg-primary text-primary-foreground">
            <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2">
              <circle cx="12" cy="12" r="4" />
              <path d="M4 8V6a2 2 0 0 1 2-2h2M16 4h2a2 2 0 0 1 2 2v2M20 16v2a2 2 0 0 1-2 2h-2M8 20H6a2 2 0 0 1-2-2v-2" />
            </svg>
          </span>
          <h1 className="text-lg font-semibold tracking-tight">Darkroom</h1>
          <PageNav className="order-last w-full md:order-none md:w-auto" />
          <span className="ml-auto flex items-center gap-2 sm:gap-3">
            <ServerBadge />
            <ThemeToggle />
            {session.data?.required && session.data.signedIn && (
              // A plain form: the server clears the session and sends the browser to the sign-in page.
              <form method="post" action="/api/auth/sign-out" onSubmit={markSigningOut}>
                <button type="submit" className="cursor-pointer text-sm whitespace-nowrap text-muted-foreground hover:text-foreground">
                  Sign out
                </button>
                <button
                  type="submit"
                  formAction="/api/auth/sign-out-everywhere"
                  className="ml-3 cursor-pointer text-sm whitespace-nowrap text-muted-foreground hover:text-foreground"
                >
                  Sign out everywhere
                </button>
              </form>
            )}
          </span>
        </div>
      </header>
      {settings.data?.mode === 'demo' && reachable && <DemoBanner />}
    </>
  )
}
