import { useMutation, useQuery } from '@tanstack/react-query'
import { collectionMutations, collectionQueries } from '../../queries/collections'
import { imageMutations } from '../../queries/images'
import { Button } from '../../components/ui/button'
import { Select } from '../../components/ui/select'
import { showToast } from '../../components/ui/toast'
import { navigate } from '../../lib/navigation'
import { useDeleteImages } from '../../components/lightbox/use-delete-images'
import { CollectionSelect } from './collection-select'
import { RatingOptions } from './rating-options'
import { TagForm } from './tag-form'
import { download } from './download'

type SelectionBarProps = {
  /** Selected image ids, in the order shown. */
  ids: string[]
  /** How many of them are inside collapsed stacks (one picture shows for several). */
  inStacks: number
  inView: number
  /** The collection being viewed (by name or id), if any: its images can be taken out of it. */
  collection?: string
  onSelectAll: () => void
  onClear: () => void
}

const count = (n: number) => `${n.toLocaleString('en-US')} image${n === 1 ? '' : 's'}`

/** What can be done to the selected images at once. */
export function SelectionBar({ ids, inStacks, inView, collection, onSelectAll, onClear }: SelectionBarProps) {
  const bulk = useMutation(imageMutations.bulk())
  const zip = useMutation(imageMutations.zip())
  const addTo = useMutation(collectionMutations.addImages())
  const removeFrom = useMutation(collectionMutations.removeImages())
  const collections = useQuery(collectionQueries.list())
  const viewing = collection ? collections.data?.items.find((c) => c.name === collection || c.id === collection) : undefined
  const deleting = useDeleteImages()
  const n = ids.length
  const failed = (what: string) => (e: Error) => showToast({ message: `Could not ${what}: ${e.message}`, tone: 'destructive' })

  return (
    <div
      role="toolbar"
      aria-label="Selected images"
      className="fixed inset-x-0 bottom-4 z-40 mx-auto flex w-fit max-w-[calc(100%-2rem)] flex-wrap items-center gap-2 rounded-xl border border-border bg-popover/95 px-3 py-2 shadow-2xl shadow-black/50 backdrop-blur"
    >
      <span className="px-1 text-sm font-medium tabular-nums" aria-live="polite">
        {count(n)} selected
        {inStacks > 0 && (
          <span className="font-normal text-muted-foreground" title="A collapsed stack counts as all its images; expand it (×N) to pick single ones.">
            {' '}
            · {inStacks.toLocaleString('en-US')} in stacks
          </span>
        )}
      </span>
      {n < inView && (
        <Button variant="ghost" size="sm" onClick={onSelectAll}>
          Select all in view ({inView.toLocaleString('en-US')})
        </Button>
      )}
      <span className="mx-1 h-5 w-px bg-border" aria-hidden="true" />
      <Button
        variant="secondary"
        size="sm"
        disabled={!n || bulk.isPending}
        onClick={() => bulk.mutate({ action: 'favourite', ids }, { onError: failed('favourite') })}
      >
        <span aria-hidden="true">★</span> Favourite
      </Button>
      <Button
        variant="ghost"
        size="sm"
        disabled={!n || bulk.isPending}
        onClick={() => bulk.mutate({ action: 'unfavourite', ids }, { onError: failed('unfavourite') })}
      >
        Unfavourite
      </Button>
      <div className="w-32">
        <Select
          aria-label="Rate selected"
          className="h-8 text-xs"
          value=""
          disabled={!n || bulk.isPending}
          onChange={(e) => {
            if (!e.target.value) return
            const rating = e.target.value === 'none' ? null : Number(e.target.value)
            bulk.mutate({ action: 'rate', rating, ids }, { onError: failed('rate') })
          }}
        >
          <RatingOptions placeholder="Rate…" />
        </Select>
      </div>
      <TagForm
        label="Tag selected"
        placeholder="Tag…"
        inputClassName="w-28"
        onTag={(tag, clear) =>
          bulk.mutate(
            { action: 'tag', tags: [tag], ids },
            {
              onSuccess: (r) => {
                clear()
                showToast({ message: `Tagged ${count(r.affected)} “${tag}”.` })
              },
              onError: failed('tag'),
            },
          )
        }
      />
      <CollectionSelect
        label="Add selected to collection"
        placeholder="Add to collection…"
        disabled={!n || addTo.isPending}
        onPick={(collection) =>
          addTo.mutate(
            { collectionId: collection.id, ids },
            { onSuccess: () => showToast({ message: `Added ${count(n)} to ${collection.name}.` }), onError: failed('add to the collection') },
          )
        }
      />
      {viewing && (
        <Button
          variant="ghost"
          size="sm"
          disabled={!n || removeFrom.isPending}
          onClick={() =>
            removeFrom.mutate(
              { collectionId: viewing.id, ids },
              {
                onSuccess: () => {
                  showToast({ message: `Removed ${count(n)} from ${viewing.name}.` })
                  onClear()
                },
                onError: failed('remove from the collection'),
              },
            )
          }
        >
          Remove from {viewing.name}
        </Button>
      )}
      <Button
        variant="secondary"
        size="sm"
        disabled={!n || zip.isPending}
        onClick={() => zip.mutate(ids, { onSuccess: (ticket) => download(ticket.url), onError: failed('make the zip') })}
      >
        {zip.isPending ? 'Preparing…' : 'Download zip'}
      </Button>
      {n >= 2 && n <= 4 && (
        <Button variant="secondary" size="sm" onClick={() => navigate(`/compare/side?images=${ids.join(',')}`)}>
          Side by side
        </Button>
      )}
      <Button
        variant="ghost"
        size="sm"
        className="text-destructive hover:text-destructive"
        disabled={!n || deleting.isPending}
        onClick={() => void deleting.remove(ids).then((ok) => ok && onClear())}
      >
        Delete
      </Button>
      <span className="mx-1 h-5 w-px bg-border" aria-hidden="true" />
      <Button variant="ghost" size="sm" onClick={onClear}>
        Done
      </Button>
    </div>
  )
}
