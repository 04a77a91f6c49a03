import { Link } from '../components/ui/link'
import { useEffect } from 'react'

/** Any address the app has no page for. The server answers it with the app, so the app says so. */
export function NotFound() {
  useEffect(() => {
    document.title = 'Page not found · Darkroom'
  }, [])
  return (
    <section aria-labelledby="not-found-title" className="mx-auto grid max-w-xl gap-3 px-4 py-20 text-center">
      <p className="font-mono text-sm text-muted-foreground">404</p>
      <h2 id="not-found-title" className="text-2xl font-semibold tracking-tight">
        Page not found
      </h2>
      <p className="text-sm text-muted-foreground">
        Nothing lives at <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs break-all">{window.location.pathname}</code>.
      </p>
      <p>
        <Link href="/" className="text-sm font-medium text-primary underline underline-offset-4">
          Back to the playground
        </Link>
      </p>
    </section>
  )
}
