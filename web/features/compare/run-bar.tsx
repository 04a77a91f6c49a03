import type { Estimate, CompareLimits } from '../../../shared/compare'
import { Button } from '../../components/ui/button'
import { Dialog } from '../../components/ui/dialog'
import { formatEstimate, plural } from './format'

type RunBarProps = {
  estimate: Estimate | null
  cells: number
  limits: CompareLimits | undefined
  confirming: boolean
  pending: boolean
  /** Why it cannot run yet, though the count and cost can be shown. */
  blocked: string | null
  onRun: (confirmed: boolean) => void
  onConfirming: (open: boolean) => void
}

/** The count and the cost before anything runs; a confirmation above the threshold. */
export function RunBar({ estimate, cells, limits, confirming, pending, blocked, onRun, onConfirming }: RunBarProps) {
  const cost = estimate ? formatEstimate(estimate) : null
  const needsConfirm = !!estimate && !!limits && estimate.images > limits.confirmImages
  return (
    <div className="sticky bottom-0 flex items-center justify-between gap-3 rounded-b-xl border-t border-border bg-card px-5 py-3">
      <div className="min-w-0 text-sm" aria-live="polite" aria-label="Run summary">
        {estimate && cost ? (
          <>
            <div>
              <span className="font-semibold tabular-nums">{plural(estimate.images, 'image')}</span>
              {cells !== estimate.images && <span className="text-muted-foreground"> · {plural(cells, 'cell')}</span>}
              <span className="text-muted-foreground"> · </span>
              <span className="font-semibold tabular-nums">{cost.cost}</span>
            </div>
            {(blocked ?? cost.note) && <div className="truncate text-xs text-muted-foreground">{blocked ?? cost.note}</div>}
          </>
        ) : (
          <span className="text-muted-foreground">Fix the highlighted fields to see the count and cost.</span>
        )}
      </div>
      <Button
        size="lg"
        disabled={!estimate || pending || !limits || !!blocked}
        aria-busy={pending || undefined}
        onClick={() => (needsConfirm ? onConfirming(true) : onRun(false))}
      >
        Run comparison
      </Button>
      {confirming && estimate && cost && limits && (
        <Dialog aria-labelledby="confirm-run-title" className="max-w-md p-6" onClose={() => onConfirming(false)}>
          <h2 id="confirm-run-title" className="text-lg font-semibold">
            Run {plural(estimate.images, 'image')}?
          </h2>
          <p className="mt-2 text-sm text-muted-foreground">
            That is more than {limits.confirmImages}, so Darkroom asks first. Estimated cost: <strong className="text-foreground">{cost.cost}</strong>
            {cost.note ? ` (${cost.note.toLowerCase()})` : ''}.
          </p>
          <div className="mt-5 flex justify-end gap-2">
            <Button variant="ghost" onClick={() => onConfirming(false)}>
              Back
            </Button>
            <Button onClick={() => onRun(true)}>Run {plural(estimate.images, 'image')}</Button>
          </div>
        </Dialog>
      )}
    </div>
  )
}
