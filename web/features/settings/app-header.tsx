import { useQuery } from '@tanstack/react-query'
import type * as React from 'react'
import { authQueries } from '../../queries/auth'
import { settingsQueries } from '../../queries/settings'
import { Badge } from '../../components/ui/badge'
import { DemoBanner } from './demo-banner'

/** `nav` is the app's page links, shown next to the name. */
export function AppHeader({ nav }: { nav?: React.ReactNode }) {
  const settings = useQuery(settingsQueries.get())
  const session = useQuery(authQueries.session())
  const mode = settings.data?.mode
  return (
    <>
    <header className="sticky top-0 z-40 border-b border-border bg-background/85 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-[1600px] items-center gap-3 px-4 sm:px-6">
        <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-primary text-primary-foreground">
          <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2">
            <circle cx="12" cy="12" r="4" />
            <path d="M4 8V6a2 2 0 0 1 2-2h2M16 4h2a2 2 0 0 1 2 2v2M20 16v2a2 2 0 0 1-2 2h-2M8 20H6a2 2 0 0 1-2-2v-2" />
          </svg>
        </span>
        <h1 className="text-lg font-semibold tracking-tight">Darkroom</h1>
        {nav ?? <span className="hidden text-sm text-muted-foreground sm:inline">Playground and gallery for Pixazo image models</span>}
        <span className="ml-auto flex items-center gap-3">
          {session.data?.required && session.data.signedIn && (
            // A plain form: the server clears the session and sends the browser to the sign-in page.
            <form method="post" action="/api/auth/sign-out">
              <button type="submit" className="text-sm text-muted-foreground hover:text-foreground">
                Sign out
              </button>
              <button type="submit" formAction="/api/auth/sign-out-everywhere" className="ml-3 text-sm text-muted-foreground hover:text-foreground">
                Sign out everywhere
              </button>
            </form>
          )}
          {mode === 'live' && <Badge variant="success">Live · Pixazo</Badge>}
          {mode === 'demo' && <Badge variant="warning">Demo · simulator</Badge>}
          {settings.isError && (
            <Badge variant="destructive" title={settings.error.message}>
              Server unreachable
            </Badge>
          )}
        </span>
      </div>
    </header>
    {mode === 'demo' && <DemoBanner />}
    </>
  )
}
