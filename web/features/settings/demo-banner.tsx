/** Shown while the server runs without a key, so nobody mistakes simulator output for Pixazo's. One line on a laptop. */
export function DemoBanner() {
  return (
    <aside aria-label="Demo mode" className="border-b border-warning/30 bg-warning/10">
      <p className="mx-auto max-w-[1600px] px-3 py-1.5 text-xs leading-relaxed text-foreground/85 sm:px-6">
        <strong className="mr-1.5 font-semibold text-warning">Demo mode</strong>
        Images come from the built-in simulator; no API key is used or charged. To use Pixazo, set{' '}
        <code className="rounded bg-background/60 px-1 font-mono">PIXAZO_API_KEY</code> (environment or{' '}
        <code className="rounded bg-background/60 px-1 font-mono">.env</code>) and restart the server.
      </p>
    </aside>
  )
}
