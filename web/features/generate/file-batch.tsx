import { lazy, Suspense } from 'react'
import type { FileBatchProps } from './file-batch-body'

// The panel's body checks every row with the model's schemas (zod): it loads just after the form,
// off the first load (decision 029). The panel is closed at first, so nobody sees it arrive.
const FileBatchBody = lazy(() => import('./file-batch-body').then((m) => ({ default: m.FileBatchBody })))

/** "Batch from a file": a closed panel under the form. */
export function FileBatch(props: FileBatchProps) {
  return (
    <details className="rounded-lg border border-border px-3 py-2 text-sm">
      <summary className="cursor-pointer font-medium">Batch from a file</summary>
      <Suspense fallback={<p className="mt-2 text-xs text-muted-foreground">Loading…</p>}>
        <FileBatchBody {...props} />
      </Suspense>
    </details>
  )
}
