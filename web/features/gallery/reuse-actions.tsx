import { useState } from 'react'
import type { Image } from '../../../shared/api'
import { Button } from '../../components/ui/button'
import { sendToForm } from '../../lib/form-handoff'
import { navigate } from '../../lib/navigation'

/** Back to the playground with this image's settings: all of them, or just its seed; or copy the prompt. */
export function ReuseActions({ image, onLeave }: { image: Image; onLeave: () => void }) {
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle')
  const toForm = (handoff: Parameters<typeof sendToForm>[0]) => {
    sendToForm(handoff)
    onLeave()
    navigate('/')
  }
  return (
    <div className="grid gap-2">
      <Button
        onClick={() =>
          toForm({ kind: 'parameters', model: image.model, params: image.seed === null ? image.params : { ...image.params, seed: image.seed } })
        }
      >
        Reuse all parameters
      </Button>
      <div className="grid grid-cols-2 gap-2">
        <Button variant="outline" size="sm" disabled={image.seed === null} onClick={() => image.seed !== null && toForm({ kind: 'seed', seed: image.seed })}>
          Reuse seed
        </Button>
        <Button
          variant="outline"
          size="sm"
          onClick={() =>
            // No clipboard outside secure contexts (plain http to another host).
            (navigator.clipboard ? navigator.clipboard.writeText(image.prompt) : Promise.reject(new Error('no clipboard'))).then(
              () => setCopy('copied'),
              () => setCopy('failed'),
            )
          }
        >
          {copy === 'copied' ? 'Copied ✓' : copy === 'failed' ? 'Could not copy' : 'Copy prompt'}
        </Button>
      </div>
    </div>
  )
}
