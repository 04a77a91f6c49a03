import { lazy, Suspense } from 'react'

// The panel is closed at first: its body loads just after the form, off the first load (decision 029).
const LibraryPanelBody = lazy(() => import('./library-panel-body').then((m) => ({ default: m.LibraryPanelBody })))

/** Named lists for `__name__` in prompts, and the library file that carries presets and lists between installs. */
export function LibraryPanel() {
  return (
    <details className="rounded-lg border border-border px-3 py-2 text-sm">
      <summary className="cursor-pointer font-medium">Named lists and library</summary>
      <Suspense fallback={<p className="mt-2 text-xs text-muted-foreground">Loading…</p>}>
        <LibraryPanelBody />
      </Suspense>
    </details>
  )
}
