// Hands parameters from anywhere in the app (the gallery's "Reuse…" buttons, a comparison cell) to
// the generate form, without features importing each other. One in-memory slot: the sender fills
// it and navigates; the form takes it exactly once, at once if mounted, else when it mounts.
// Client-side navigation keeps the page's memory, so nothing needs to go through storage.
import { useEffect, useEffectEvent } from 'react'
import type { ModelId } from '../../shared/catalogue'

export type FormHandoff =
  /** Every parameter of an image, seed included: the form becomes that request. */
  | { kind: 'parameters'; model: ModelId; params: Record<string, unknown> }
  /** Only the seed: the rest of the form stays. */
  | { kind: 'seed'; seed: number }

let waiting: FormHandoff | null = null
const receivers = new Set<() => void>()

export function sendToForm(handoff: FormHandoff) {
  waiting = handoff
  for (const receive of receivers) receive()
}

function take(): FormHandoff | null {
  const handoff = waiting
  waiting = null
  return handoff
}

/** Calls `receive` with anything sent to the form, now (if waiting) and whenever more is sent. */
export function useFormHandoff(receive: (handoff: FormHandoff) => void) {
  const onReceive = useEffectEvent(receive)
  useEffect(() => {
    const check = () => {
      const handoff = take()
      if (handoff) onReceive(handoff)
    }
    check()
    receivers.add(check)
    return () => {
      receivers.delete(check)
    }
  }, [])
}
