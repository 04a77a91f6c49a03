import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { formatParametersText } from '../../../shared/a1111'
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

/** Copies text, where the page may (no clipboard outside secure contexts: plain http to another host). */
function useCopy() {
  const [copied, setCopied] = useState<{ what: string; ok: boolean } | null>(null)
  return {
    label: (what: string, idle: string) => (copied?.what !== what ? idle : copied.ok ? 'Copied ✓' : 'Could not copy'),
    copy: (what: string, text: string) =>
      (navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject(new Error('no clipboard'))).then(
        () => setCopied({ what, ok: true }),
        () => setCopied({ what, ok: false }),
      ),
  }
}

/** Back to the playground with this image's settings: all of them, or just its seed; or copy them. */
export function ReuseActions({ image, onLeave }: { image: Image; onLeave: () => void }) {
  const { label, copy } = useCopy()
  const reroll = useReroll()
  const toForm = (handoff: Parameters<typeof sendToForm>[0]) => {
    sendToForm(handoff)
    onLeave()
    navigate('/')
  }
  const params = image.seed === null ? image.params : { ...image.params, seed: image.seed }
  return (
    <div className="grid gap-2">
      <div className="grid grid-cols-2 gap-2">
        <Button disabled={reroll.pending} title="The same settings with a new seed, sent now" onClick={() => reroll.run(image)}>
          Re-roll
        </Button>
        <Button
          variant="secondary"
          title="Every setting in the form, to change one thing and generate"
          onClick={() => toForm({ kind: 'parameters', model: image.model, params })}
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
        <Button variant="outline" size="sm" onClick={() => copy('prompt', image.prompt)}>
          {label('prompt', 'Copy prompt')}
        </Button>
        <Button
          variant="outline"
          size="sm"
          className="col-span-2"
          title="A1111-style parameters text, to paste into Darkroom's prompt box or another tool"
          onClick={() => copy('parameters', formatParametersText(image.model, params))}
        >
          {label('parameters', 'Copy parameters')}
        </Button>
      </div>
    </div>
  )
}
