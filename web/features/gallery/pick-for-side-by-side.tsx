import { useState } from 'react'
import { Button } from '../../components/ui/button'
import { navigate } from '../../lib/navigation'

const MAX = 4

/** Which images are picked for the side-by-side view, while picking is on. */
export function usePick() {
  const [on, setOn] = useState(false)
  const [ids, setIds] = useState<string[]>([])
  return {
    on,
    ids,
    setOn(next: boolean) {
      setOn(next)
      if (!next) setIds([])
    },
    toggle: (id: string) => setIds((now) => (now.includes(id) ? now.filter((i) => i !== id) : now.length < MAX ? [...now, id] : now)),
  }
}

/** "Compare" in the gallery header: pick 2–4 images, then open them side by side. */
export function PickForSideBySide({ pick }: { pick: ReturnType<typeof usePick> }) {
  if (!pick.on) {
    return (
      <Button variant="outline" size="sm" onClick={() => pick.setOn(true)}>
        Compare…
      </Button>
    )
  }
  return (
    <div className="flex items-center gap-2">
      <span className="text-xs text-muted-foreground" aria-live="polite">
        {pick.ids.length < 2 ? 'Pick 2–4 images' : `${pick.ids.length} picked`}
      </span>
      <Button size="sm" disabled={pick.ids.length < 2} onClick={() => navigate(`/compare/side?images=${pick.ids.join(',')}`)}>
        Side by side
      </Button>
      <Button variant="ghost" size="sm" onClick={() => pick.setOn(false)}>
        Cancel
      </Button>
    </div>
  )
}
