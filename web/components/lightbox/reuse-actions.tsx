import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import type { Image } from '../../../shared/api'
import { Button } from '../ui/button'
import { showToast } from '../ui/toast'
import { sendToForm } from '../../lib/form-handoff'
import { navigate } from '../../lib/navigation'
import { jobMutations } from '../../queries/jobs'

/** Sends the image's settings again with a new seed, at once, and says where the result will be. */
export function useReroll() {
  const reroll = useMutation(jobMutations.reroll())
  return {
    pending: reroll.isPending,
    run: (image: Pick<Image, 'model' | 'params'>) =>
      reroll.mutate(
        { model: image.model, params: image.params },
        {
          onSuccess: () =>
            showToast({ message: 'Re-roll sent: same settings, new seed.', action: { label: 'Watch it', onClick: () => navigate('/') } }),
          onError: (error) => showToast({ message: `Re-roll failed: ${error.message}`, tone: 'destructive' }),
        },
      ),
  }
}

/** Back to the playground with this image's settings: all of them, or just its seed; or copy the prompt. */
export function ReuseActions({ image, onLeave }: { image: Image; onLeave: () => void }) {
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle')
  const reroll = useReroll()
  const toForm = (handoff: Parameters<typeof sendToForm>[0]) => {
    sendToForm(handoff)
    onLeave()
    navigate('/')
  }
  return (
    <div className="grid gap-2">
      <div className="grid grid-cols-2 gap-2">
        <Button disabled={reroll.pending} title="The same settings with a new seed, sent now" onClick={() => reroll.run(image)}>
          Re-roll
        </Button>
        <Button
          variant="secondary"
          title="Every setting in the form, to change one thing and generate"
          onClick={() =>
            toForm({ kind: 'parameters', model: image.model, params: image.seed === null ? image.params : { ...image.params, seed: image.seed } })
          }
        >
          Reuse all parameters
        </Button>
      </div>
      <div className="grid grid-cols-2 gap-2">
        <Button
          variant="outline"
          size="sm"
          disabled={image.seed === null}
          onClick={() => image.seed !== null && toForm({ kind: 'seed', seed: image.seed })}
        >
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
