/** Shown while the server runs without a key, so nobody mistakes simulator output for Pixazo's. */
export function DemoBanner() {
  return (
    <div role="status" className="border-b border-warning/30 bg-warning/10">
      <p className="mx-auto max-w-[1600px] px-4 py-2.5 text-sm leading-relaxed text-foreground/85 sm:px-6">
        <strong className="mr-2 font-semibold text-warning">Demo mode</strong>
        <span>
          Images come from the built-in simulator, and no API key is used or charged. To generate with Pixazo, set{' '}
          <code className="rounded bg-background/60 px-1 py-0.5 font-mono text-xs">PIXAZO_API_KEY</code> in the server's
          environment (or its <code className="rounded bg-background/60 px-1 py-0.5 font-mono text-xs">.env</code> file) and
          restart it.
        </span>
      </p>
    </div>
  )
}
