import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { anyCellActive, type Comparison } from '../../../shared/compare'
import { valueLabel } from '../../../shared/compare-axes'
import { axisLabel, DEFAULT_ORDER, gridView } from '../../../shared/compare-view'
import { comparisonMutations, comparisonQueries } from '../../queries/comparisons'
import { Card } from '../../components/ui/card'
import { Link } from '../../components/ui/link'
import { Lightbox } from '../../components/lightbox/lazy-lightbox'
import { CellDialog } from './cell-dialog'
import { cellName } from './cell-name'
import { ComparisonGrid } from './comparison-grid'
import { ComparisonHeader } from './comparison-header'
import { SelectionBar } from './selection-bar'
import { useNow } from '../../lib/use-now'
import { ViewControls, type ViewState } from './view-controls'

/** `/compare/<id>`: the saved comparison, filling live while it runs. */
export function ComparisonPage({ id }: { id: string }) {
  const comparison = useQuery(comparisonQueries.detail(id))
  if (comparison.isPending) return <p className="p-10 text-center text-sm text-muted-foreground">Loading comparison…</p>
  if (comparison.isError) {
    return (
      <div role="alert" className="grid place-items-center gap-2 p-10 text-center text-sm">
        <p className="text-destructive">Could not open this comparison: {comparison.error.message}</p>
        <Link href="/compare" className="text-primary underline">
          Start a new comparison
        </Link>
      </div>
    )
  }
  return <ComparisonView comparison={comparison.data} />
}

/** Wide enough to see, narrow enough that a typical grid fits without scrolling sideways. */
const defaultCellWidth = (c: Comparison) => {
  const columns = c.spec.axes.x?.values.length ?? 1
  return columns <= 3 ? 240 : columns <= 5 ? 208 : 176
}

const medianAspect = (c: Comparison) => {
  const ratios = c.cells.flatMap((cell) => (cell.image ? [cell.image.height / cell.image.width] : [])).sort((a, b) => a - b)
  return Math.min(Math.max(ratios[Math.floor(ratios.length / 2)] ?? 1, 0.5), 1.5)
}

function ComparisonView({ comparison }: { comparison: Comparison }) {
  const [view, setView] = useState<ViewState>(() => ({ order: DEFAULT_ORDER, hidden: {}, cellWidth: defaultCellWidth(comparison), page: 0 }))
  const [openIndex, setOpenIndex] = useState<number | null>(null)
  const [lightboxId, setLightboxId] = useState<string | null>(null)
  const [selecting, setSelecting] = useState(false)
  const [selected, setSelected] = useState<string[]>([])
  const rerun = useMutation(comparisonMutations.rerun())
  const now = useNow(anyCellActive(comparison))
  const grid = gridView(comparison, { order: view.order, hidden: view.hidden })
  const page = Math.min(view.page, grid.pages.length - 1)

  // Cells in reading order on this page, for ←/→ in the cell dialog.
  const visible = grid.rows.flatMap((_, r) => grid.columns.map((_, c) => ({ cell: grid.cellAt(c, r, page), name: cellName(grid, c, r, page) })))
  const open = visible.findIndex((v) => v.cell?.index === openIndex)
  const openCell = open >= 0 ? visible[open] : undefined
  // The lightbox steps through this page's images in reading order, each once.
  const images = [...new Map(visible.flatMap((v) => (v.cell?.image ? [[v.cell.image.id, v.cell.image] as const] : []))).values()]
  const lightboxIndex = images.findIndex((image) => image.id === lightboxId)

  function onCell(cell: Comparison['cells'][number]) {
    if (!selecting) return setOpenIndex(cell.index)
    const imageId = cell.image?.id
    if (!imageId) return
    setSelected((s) => (s.includes(imageId) ? s.filter((i) => i !== imageId) : s.length < 4 ? [...s, imageId] : s))
  }

  return (
    <div className="mx-auto grid max-w-[1800px] grid-cols-[minmax(0,1fr)] gap-4 px-4 py-6 sm:px-6 xl:grid-cols-[minmax(0,1fr)_22rem] xl:items-start">
      <Card aria-label="Comparison" className="xl:sticky xl:top-20 xl:max-h-[calc(100dvh-8.5rem)] xl:overflow-y-auto [scrollbar-width:thin]">
        <ComparisonHeader
          comparison={comparison}
          order={view.order.join('')}
          page={grid.pageAxis ? grid.pages[page]!.index : 0}
          pages={grid.pages.length}
        />
        <ViewControls spec={comparison.spec} view={view} onChange={setView}>
          <SelectionBar
            selecting={selecting}
            selected={selected}
            onSelecting={(on) => {
              setSelecting(on)
              if (!on) setSelected([])
            }}
          />
        </ViewControls>
      </Card>
      <Card aria-label="Comparison grid card" className="min-w-0 xl:order-first">
        {grid.pageAxis && grid.pages.length > 1 && (
          <div
            role="tablist"
            aria-label={`${axisLabel(grid.pageAxis)} pages`}
            className="flex flex-wrap items-center gap-1 border-b border-border px-4 py-2"
          >
            <span className="mr-2 text-xs text-muted-foreground">{axisLabel(grid.pageAxis)}</span>
            {grid.pages.map((p, i) => (
              <button
                key={p.index}
                role="tab"
                type="button"
                aria-selected={i === page}
                onClick={() => setView({ ...view, page: i })}
                className="cursor-pointer rounded-md px-3 py-1.5 text-sm text-muted-foreground hover:bg-accent aria-selected:bg-primary/15 aria-selected:font-medium aria-selected:text-foreground"
              >
                {valueLabel(grid.pageAxis!.param, p.value!)}
              </button>
            ))}
          </div>
        )}
        <ComparisonGrid
          view={grid}
          spec={comparison.spec}
          page={page}
          cellWidth={view.cellWidth}
          aspect={medianAspect(comparison)}
          now={now}
          selecting={selecting}
          selected={selected}
          onCell={onCell}
          onRerun={(cell) => rerun.mutate({ id: comparison.id, cells: [cell.index] })}
        />
      </Card>
      {openCell?.cell && (
        <CellDialog
          cell={openCell.cell}
          name={openCell.name}
          position={`Cell ${open + 1} of ${visible.length}${grid.pages.length > 1 ? ` on page ${page + 1}` : ''}`}
          now={now}
          onStep={(step) => {
            const next = visible[open + step]?.cell
            if (next) setOpenIndex(next.index)
          }}
          onRerun={() => rerun.mutate({ id: comparison.id, cells: [openCell.cell!.index] })}
          onLightbox={() => {
            setLightboxId(openCell.cell!.image?.id ?? null)
            setOpenIndex(null)
          }}
          onClose={() => setOpenIndex(null)}
        />
      )}
      {lightboxIndex >= 0 && (
        <Lightbox images={images} index={lightboxIndex} onShow={(i) => setLightboxId(images[i]?.id ?? null)} onClose={() => setLightboxId(null)} />
      )}
    </div>
  )
}
