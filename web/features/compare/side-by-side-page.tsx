import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { comparisonQueries } from '../../queries/comparisons'
import { Button } from '../../components/ui/button'
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card'
import { Link } from '../../components/ui/link'
import { cn } from '../../lib/cn'
import { ImageSlider } from './image-slider'
import { LETTERS, ParamDiffTable } from './param-diff-table'

/** `/compare/side?images=a,b`: 2–4 images from anywhere, together, with what differs. */
export function SideBySidePage({ ids }: { ids: string[] }) {
  const images = useQuery(comparisonQueries.images(ids))
  const [mode, setMode] = useState<'grid' | 'slider'>('grid')
  const items = images.data?.items ?? []
  const canSlide = items.length === 2

  return (
    <div className="mx-auto grid max-w-[1800px] gap-4 px-4 py-6 sm:px-6">
      <Card aria-labelledby="side-title">
        <CardHeader>
          <CardTitle id="side-title">Side by side</CardTitle>
          {canSlide && (
            <div role="radiogroup" aria-label="View" className="flex gap-1 rounded-md border border-border p-0.5">
              {(['grid', 'slider'] as const).map((m) => (
                <Button
                  key={m}
                  role="radio"
                  aria-checked={mode === m}
                  variant={mode === m ? 'secondary' : 'ghost'}
                  size="sm"
                  onClick={() => setMode(m)}
                >
                  {m === 'grid' ? 'Next to each other' : 'Slider'}
                </Button>
              ))}
            </div>
          )}
        </CardHeader>
        <CardContent className="grid gap-6">
          {ids.length < 2 && <p className="text-sm text-muted-foreground">Pick 2 to 4 images in the gallery or a comparison grid.</p>}
          {images.isPending && ids.length >= 2 && <p className="text-sm text-muted-foreground">Loading images…</p>}
          {images.isError && (
            <p role="alert" className="text-sm text-destructive">
              Could not load the images: {images.error.message}
            </p>
          )}
          {images.isSuccess && items.length < ids.length && (
            <p role="alert" className="text-sm text-warning">
              {ids.length - items.length} of the picked images no longer exist.
            </p>
          )}
          {canSlide && mode === 'slider' ? (
            <ImageSlider left={items[0]!} right={items[1]!} />
          ) : (
            <ul
              aria-label="Picked images"
              className={cn(
                'grid gap-3',
                items.length === 2 ? 'sm:grid-cols-2' : items.length === 3 ? 'sm:grid-cols-3' : 'sm:grid-cols-2 xl:grid-cols-4',
              )}
            >
              {items.map((img, i) => (
                <li key={img.id} className="relative grid place-items-center overflow-hidden rounded-lg border border-border bg-black/60">
                  <img
                    src={img.url}
                    alt={`${LETTERS[i]}: ${img.prompt}`}
                    width={img.width}
                    height={img.height}
                    className="mx-auto h-auto max-h-[70vh] w-auto object-contain"
                  />
                  <span className="absolute top-2 left-2 rounded bg-black/70 px-2 py-0.5 text-xs font-semibold text-white">{LETTERS[i]}</span>
                  {img.comparisonId && (
                    <Link
                      href={`/compare/${img.comparisonId}`}
                      className="absolute top-2 right-2 rounded bg-black/70 px-2 py-0.5 text-xs text-white hover:underline"
                    >
                      From a comparison
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          )}
          {items.length >= 2 && <ParamDiffTable images={items} />}
        </CardContent>
      </Card>
    </div>
  )
}
