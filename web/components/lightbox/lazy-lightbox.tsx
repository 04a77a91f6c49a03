// The lightbox's code (zoom, details, collections, reuse) is fetched when one is first opened, or
// when the browser is idle (main.tsx), not with the first page: most visits never open one.
import { lazy, Suspense } from 'react'
import type * as React from 'react'
import type { Lightbox as LoadedLightbox } from './lightbox'

const load = () => import('./lightbox')
const Loaded = lazy(() => load().then((m) => ({ default: m.Lightbox })))

export const preloadLightbox = () => void load()

export function Lightbox(props: React.ComponentProps<typeof LoadedLightbox>) {
  return (
    <Suspense fallback={null}>
      <Loaded {...props} />
    </Suspense>
  )
}
