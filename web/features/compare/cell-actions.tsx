import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Image } from '../../../shared/api'
import { Button, buttonVariants } from '../../components/ui/button'
import { showToast } from '../../components/ui/toast'
import { sendToForm } from '../../lib/form-handoff'
import { navigate } from '../../lib/navigation'
import { comparisonQueries } from '../../queries/comparisons'
import { imageMutations } from '../../queries/images'
import { jobMutations } from '../../queries/jobs'

/** What a finished cell's image offers: it is an image like any other, not a dead end. */
export function CellActions({ image, onLightbox }: { image: Image; onLightbox: () => void }) {
  const client = useQueryClient()
  const reroll = useMutation(jobMutations.reroll())
  const favourite = useMutation(imageMutations.favourite())
  const starred = favourite.isPending ? favourite.variables.favourite : image.favourite
  return (
    <div className="grid gap-2">
      <div className="grid grid-cols-2 gap-2">
        <Button
          disabled={reroll.isPending}
          title="This cell's settings with a new seed, sent now as a playground job"
          onClick={() =>
            reroll.mutate(
              { model: image.model, params: image.params },
              {
                onSuccess: () =>
                  showToast({
                    message: 'Re-roll sent to the playground: same settings, new seed.',
                    action: { label: 'Watch it', onClick: () => navigate('/') },
                  }),
                onError: (error) => showToast({ message: `Re-roll failed: ${error.message}`, tone: 'destructive' }),
              },
            )
          }
        >
          Re-roll
        </Button>
        <Button
          variant="secondary"
          title="Every setting of this cell in the playground form, to change one thing"
          onClick={() => {
            sendToForm({ kind: 'parameters', model: image.model, params: image.seed === null ? image.params : { ...image.params, seed: image.seed } })
            navigate('/')
          }}
        >
          Reuse parameters
        </Button>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="outline"
          size="sm"
          aria-pressed={starred}
          onClick={() =>
            favourite.mutate(
              { id: image.id, favourite: !starred },
              { onSettled: () => client.invalidateQueries({ queryKey: comparisonQueries.details() }) },
            )
          }
        >
          <span aria-hidden="true">{starred ? '★' : '☆'}</span> Favourite
        </Button>
        <a href={image.downloadUrl} download className={buttonVariants({ variant: 'outline', size: 'sm' })}>
          Download
        </a>
        <Button variant="outline" size="sm" onClick={onLightbox}>
          Open in lightbox
        </Button>
      </div>
    </div>
  )
}
