// Hands parameters from anywhere in the app (the gallery's "Reuse…" buttons) to the generate form,
// without features importing each other. The payload waits in sessionStorage, so it survives the
// navigation to `/` and is taken exactly once, by whichever form is (or next gets) mounted.
import { useEffect, useEffectEvent } from 'react'
import { z } from 'zod'
import { modelIdSchema } from '../../shared/api'

const KEY = 'darkroom:form-handoff'
const EVENT = 'darkroom:form-handoff'

const handoffSchema = z.discriminatedUnion('kind', [
  /** Every parameter of an image, seed included: the form becomes that request. */
  z.object({ kind: z.literal('parameters'), model: modelIdSchema, params: z.record(z.string(), z.unknown()) }),
  /** Only the seed: the rest of the form stays. */
  z.object({ kind: z.literal('seed'), seed: z.number().int() }),
])
export type FormHandoff = z.infer<typeof handoffSchema>

export function sendToForm(handoff: FormHandoff) {
  sessionStorage.setItem(KEY, JSON.stringify(handoff))
  window.dispatchEvent(new Event(EVENT))
}

function take(): FormHandoff | null {
  const raw = sessionStorage.getItem(KEY)
  if (raw === null) return null
  sessionStorage.removeItem(KEY)
  try {
    const parsed = handoffSchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
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
    window.addEventListener(EVENT, check)
    return () => window.removeEventListener(EVENT, check)
  }, [])
}
