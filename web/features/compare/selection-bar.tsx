import { Button } from '../../components/ui/button'
import { navigate } from '../../lib/navigation'

type SelectionBarProps = { selecting: boolean; selected: string[]; onSelecting: (on: boolean) => void }

/** Picking 2–4 finished cells to see side by side. */
export function SelectionBar({ selecting, selected, onSelecting }: SelectionBarProps) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant={selecting ? 'secondary' : 'outline'} size="sm" aria-pressed={selecting} onClick={() => onSelecting(!selecting)}>
        {selecting ? 'Stop selecting' : 'Select for side by side'}
      </Button>
      {selecting && (
        <>
          <span className="text-xs text-muted-foreground" aria-live="polite">
            {selected.length === 0 ? 'Click 2 to 4 finished cells' : `${selected.length} selected${selected.length === 4 ? ' (the most)' : ''}`}
          </span>
          <Button size="sm" disabled={selected.length < 2} onClick={() => navigate(`/compare/side?images=${selected.join(',')}`)}>
            Side by side
          </Button>
        </>
      )}
    </div>
  )
}
