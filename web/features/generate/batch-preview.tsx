import type { BatchPlan } from '../../../shared/batch'
import { MAX_EXPANSION } from '../../../shared/dynamic-prompts'
import { Button } from '../../components/ui/button'
import { Dialog } from '../../components/ui/dialog'
import { Input } from '../../components/ui/input'
import { ToggleChip } from '../../components/ui/toggle-chip'
import { formatUsd } from '../../lib/format'

/** How a template becomes prompts: every combination, or a number of random draws (typed as text). */
export type BatchMode = { kind: 'all' } | { kind: 'random'; count: string }

const SHOWN = 12
const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`

type BatchPreviewProps = {
  plan: BatchPlan
  mode: BatchMode
  onModeChange: (mode: BatchMode) => void
}

/** Under a prompt that uses the dynamic syntax: how many prompts it makes, which, and what they cost. */
export function BatchPreview({ plan, mode, onModeChange }: BatchPreviewProps) {
  return (
    <section aria-label="Dynamic prompt" className="grid gap-2 rounded-lg border border-primary/30 bg-primary/5 px-3 py-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs text-muted-foreground">Make</span>
        <ToggleChip pressed={mode.kind === 'all'} className="no-underline" onClick={() => onModeChange({ kind: 'all' })}>
          All combinations
        </ToggleChip>
        <ToggleChip pressed={mode.kind === 'random'} className="no-underline" onClick={() => onModeChange({ kind: 'random', count: '4' })}>
          Random draws
        </ToggleChip>
        {mode.kind === 'random' && (
          <Input
            aria-label="Number of random draws"
            inputMode="numeric"
            className="h-7 w-20"
            value={mode.count}
            onChange={(e) => onModeChange({ kind: 'random', count: e.target.value })}
          />
        )}
      </div>
      {plan.ok ? (
        <>
          <p data-testid="batch-count" aria-live="polite">
            Expands to <strong>{plural(plan.count, 'prompt')}</strong>
            <span className="text-muted-foreground">
              {' '}
              · {plural(plan.images, 'image')} · {plan.costUsd === null ? 'price unknown' : formatUsd(plan.costUsd)}
            </span>
          </p>
          <details>
            <summary className="cursor-pointer text-xs text-muted-foreground">Show the prompts</summary>
            <ol className="mt-1 list-decimal pl-5 text-xs">
              {plan.prompts.slice(0, SHOWN).map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ol>
            {plan.count > SHOWN && <p className="text-xs text-muted-foreground">…and {plural(plan.count - SHOWN, 'more')}</p>}
          </details>
        </>
      ) : (
        <p role="alert" className="text-destructive">
          {plan.error.message}
        </p>
      )}
    </section>
  )
}

/** The draws a typed count asks for, or why it cannot. */
export function drawCount(text: string): { ok: true; count: number } | { ok: false; message: string } {
  const n = Number(text)
  return Number.isInteger(n) && n >= 1 && n <= MAX_EXPANSION
    ? { ok: true, count: n }
    : { ok: false, message: `Random draws must be a whole number between 1 and ${MAX_EXPANSION}` }
}

type ConfirmBatchProps = {
  plan: { count: number; images: number; costUsd: number | null }
  threshold: number
  onCancel: () => void
  onConfirm: () => void
}

/** Above the threshold a batch is confirmed first, with its count and cost. */
export function ConfirmBatch({ plan, threshold, onCancel, onConfirm }: ConfirmBatchProps) {
  return (
    <Dialog aria-labelledby="confirm-batch-title" className="max-w-md p-6" onClose={onCancel}>
      <h2 id="confirm-batch-title" className="text-lg font-semibold">
        Generate {plural(plan.images, 'image')}?
      </h2>
      <p className="mt-2 text-sm text-muted-foreground">
        This batch makes {plural(plan.count, 'prompt')}, more than {threshold} images in all, so Darkroom asks first. Estimated cost:{' '}
        <strong className="text-foreground">{plan.costUsd === null ? 'unknown (no published price)' : formatUsd(plan.costUsd)}</strong>.
      </p>
      <div className="mt-5 flex justify-end gap-2">
        <Button variant="ghost" onClick={onCancel}>
          Back
        </Button>
        <Button onClick={onConfirm}>Generate {plural(plan.images, 'image')}</Button>
      </div>
    </Dialog>
  )
}
