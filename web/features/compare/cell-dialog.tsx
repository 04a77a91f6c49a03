import type * as React from 'react'
import { MODELS, PARAM_NAMES } from '../../../shared/catalogue'
import { RERUNNABLE, type ComparisonCell } from '../../../shared/compare'
import { AXIS_INFO } from '../../../shared/compare-axes'
import { Badge } from '../../components/ui/badge'
import { Button, buttonVariants } from '../../components/ui/button'
import { Dialog } from '../../components/ui/dialog'
import { formatDuration } from '../../lib/format'
import { elapsedMs, paramText } from './cell-name'
import { CellActions } from './cell-actions'
import { STATE_LABEL } from './format'

type CellDialogProps = {
  cell: ComparisonCell
  name: string
  position: string
  now: number
  onStep: (step: -1 | 1) => void
  onRerun: () => void
  onLightbox: () => void
  onClose: () => void
}

const label = (name: string) => (name === 'num_images' ? 'Images' : (AXIS_INFO[name as keyof typeof AXIS_INFO]?.label ?? name))

/** A cell at full size with every parameter it was made with; ←/→ step through the visible cells. */
export function CellDialog({ cell, name, position, now, onStep, onRerun, onLightbox, onClose }: CellDialogProps) {
  const ms = elapsedMs(cell, now)
  const names = [
    ...PARAM_NAMES.filter((n) => n in cell.params || cell.na.includes(n)),
    ...cell.na.filter((n) => !(PARAM_NAMES as readonly string[]).includes(n)),
  ]
  return (
    <Dialog
      aria-labelledby="cell-title"
      className="max-w-7xl"
      onClose={onClose}
      onKey={(e) => {
        if (e.key === 'ArrowLeft') onStep(-1)
        if (e.key === 'ArrowRight') onStep(1)
      }}
    >
      <div className="grid lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="flex min-h-[40vh] items-center justify-center bg-black/60 p-4 lg:rounded-l-xl">
          {cell.image ? (
            <img
              key={cell.image.id}
              src={cell.image.url}
              alt={name}
              width={cell.image.width}
              height={cell.image.height}
              className="h-auto max-h-[82vh] w-auto max-w-full rounded-md object-contain shadow-2xl"
            />
          ) : (
            <p className="max-w-md text-center text-sm text-muted-foreground">
              {cell.error ? cell.error.message : (cell.outOfRange ?? STATE_LABEL[cell.state])}
            </p>
          )}
        </div>
        <aside className="grid content-start gap-4 border-t border-border p-5 text-sm lg:border-t-0 lg:border-l">
          <div className="flex items-start justify-between gap-3">
            <div className="grid gap-1">
              <h2 id="cell-title" className="text-base font-semibold">
                {name}
              </h2>
              <p className="text-xs text-muted-foreground">{position}</p>
            </div>
            <Button variant="ghost" size="icon" aria-label="Close" onClick={onClose}>
              <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
                <path d="M6 6l12 12M18 6L6 18" />
              </svg>
            </Button>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <Badge variant={cell.state === 'completed' ? 'success' : RERUNNABLE.includes(cell.state) ? 'destructive' : 'info'}>
              {STATE_LABEL[cell.state]}
            </Badge>
            {ms !== null && <span className="text-xs text-muted-foreground tabular-nums">{formatDuration(ms)}</span>}
          </div>
          {cell.error && (
            <div className="rounded-md border border-destructive/30 bg-destructive/10 px-3 py-2 text-xs leading-relaxed">
              <p className="text-destructive">{cell.error.message}</p>
              <p className="mt-0.5 text-foreground/80">{cell.error.action}</p>
            </div>
          )}
          {cell.image && <CellActions image={cell.image} onLightbox={onLightbox} />}
          <dl className="divide-y divide-border/60 border-y border-border/60">
            <Row term="Model">{MODELS[cell.model].displayName}</Row>
            {names.map((n) => (
              <Row key={n} term={label(n)}>
                {cell.na.includes(n) ? <span className="text-warning">n/a for this model (not sent)</span> : paramText(n, cell.params[n])}
              </Row>
            ))}
          </dl>
          <div className="flex flex-wrap gap-2">
            {cell.image && (
              <a href={cell.image.url} target="_blank" rel="noreferrer" className={buttonVariants({ variant: 'secondary', size: 'sm' })}>
                Open original
              </a>
            )}
            {RERUNNABLE.includes(cell.state) && (
              <Button size="sm" onClick={onRerun}>
                Re-run this cell
              </Button>
            )}
          </div>
          <p className="text-xs text-muted-foreground">Use ← and → to move between cells, Esc to close.</p>
        </aside>
      </div>
    </Dialog>
  )
}

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-3 py-1.5">
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="min-w-0 break-words whitespace-pre-wrap">{children}</dd>
    </div>
  )
}
