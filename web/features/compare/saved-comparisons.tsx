import { useQuery } from '@tanstack/react-query'
import { comparisonQueries } from '../../queries/comparisons'
import { Badge } from '../../components/ui/badge'
import { Card, CardHeader, CardTitle } from '../../components/ui/card'
import { Link } from '../../components/ui/link'
import { formatDate } from '../../lib/format'

/** Comparisons saved on this server, newest first; each opens at its permalink. */
export function SavedComparisons() {
  const list = useQuery(comparisonQueries.list())
  const items = list.data?.items ?? []
  return (
    <Card aria-labelledby="saved-title">
      <CardHeader>
        <CardTitle id="saved-title">Saved comparisons</CardTitle>
        {items.length > 0 && <span className="text-xs text-muted-foreground tabular-nums">{items.length}</span>}
      </CardHeader>
      {list.isError && (
        <p role="alert" className="px-5 py-6 text-sm text-destructive">
          Could not load comparisons: {list.error.message}
        </p>
      )}
      {list.isSuccess && items.length === 0 && (
        <p className="px-5 py-6 text-sm text-muted-foreground">None yet. Runs are saved here with a link you can share.</p>
      )}
      {items.length > 0 && (
        <ul aria-label="Saved comparisons" className="divide-y divide-border">
          {items.map((c) => (
            <li key={c.id}>
              <Link
                href={`/compare/${c.id}`}
                className="flex items-center gap-3 px-5 py-3 outline-none hover:bg-accent/40 focus-visible:bg-accent/40"
              >
                <span className="grid size-12 shrink-0 grid-cols-2 gap-px overflow-hidden rounded-md bg-muted" aria-hidden="true">
                  {c.covers.map((src) => (
                    <img key={src} src={src} alt="" className="size-full object-cover" loading="lazy" />
                  ))}
                </span>
                <span className="grid min-w-0 flex-1 gap-0.5">
                  <span className="truncate text-sm font-medium">{c.title}</span>
                  <span className="text-xs text-muted-foreground">
                    {formatDate(c.createdAt)} · {c.completed}/{c.cells} done
                  </span>
                </span>
                {c.active > 0 && !c.cancelledAt && <Badge variant="info">Running</Badge>}
                {c.failed > 0 && <Badge variant="destructive">{c.failed} failed</Badge>}
                {c.cancelledAt && <Badge>Cancelled</Badge>}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}
