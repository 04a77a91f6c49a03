import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { MAX_BULK_IDS, MAX_QUERY_BULK, type QueryBulkAction } from '../../../shared/gallery-api'
import { Button } from '../../components/ui/button'
import { Select } from '../../components/ui/select'
import { showToast } from '../../components/ui/toast'
import { imageMutations, imageQueries } from '../../queries/images'
import { CollectionSelect } from './collection-select'
import { RatingOptions } from './rating-options'
import { TagForm } from './tag-form'
import { download } from './download'

const count = (n: number) => n.toLocaleString('en-US')
const images = (n: number) => `${count(n)} image${n === 1 ? '' : 's'}`
/** Distributes the action-specific part of a query-wide action over the union (TypeScript cannot spread into it). */
type Act = QueryBulkAction extends infer A ? (A extends QueryBulkAction ? Omit<A, 'q'> : never) : never

/**
 * Actions on every image matching the search, not only those loaded or selected (docs/decisions/027):
 * the server counts the matches first (shown on every button) and runs the action itself, by query.
 */
export function QueryActions({ q, onClose }: { q: string; onClose: () => void }) {
  const matching = useQuery(imageQueries.matching(q))
  const run = useMutation(imageMutations.bulkQuery())
  const restore = useMutation(imageMutations.bulk())
  const zip = useMutation(imageMutations.zip())
  const [confirmDelete, setConfirmDelete] = useState(false)
  const n = matching.data?.count ?? 0
  const blocked = !matching.data || matching.data.overLimit || matching.data.queryErrors.length > 0 || n === 0 || run.isPending
  const failed = (e: Error) => showToast({ message: `Could not finish: ${e.message}`, tone: 'destructive' })

  function act(action: Act, done: (affected: number) => string) {
    run.mutate({ ...action, q } as QueryBulkAction, {
      onSuccess: (r) => {
        if (action.action !== 'delete') return void showToast({ message: done(r.affected) })
        const ids = r.deletedIds
        showToast({
          message: done(r.affected),
          until: r.undoUntil ?? undefined,
          action: {
            label: 'Undo',
            onClick: () =>
              void (async () => {
                let back = 0
                for (let i = 0; i < ids.length; i += MAX_BULK_IDS)
                  back += (await restore.mutateAsync({ action: 'restore', ids: ids.slice(i, i + MAX_BULK_IDS) })).affected
                showToast({ message: `Restored ${images(back)}.` })
              })().catch(failed),
          },
        })
      },
      onError: failed,
      onSettled: () => setConfirmDelete(false),
    })
  }

  return (
    <section aria-label="All matching images" className="grid gap-2 rounded-lg border border-border bg-muted/40 p-3 text-sm">
      <p aria-live="polite" className="flex flex-wrap items-center gap-2">
        {matching.isPending && 'Counting the matches…'}
        {matching.isError && <span className="text-destructive">Could not count: {matching.error.message}</span>}
        {matching.data &&
          (matching.data.queryErrors.length
            ? `Fix the search first: ${matching.data.queryErrors.join('; ')}`
            : matching.data.overLimit
              ? `More than ${count(MAX_QUERY_BULK)} images match; narrow the search (a date, a model, a tag) to act on all of them.`
              : `${images(n)} match${n === 1 ? 'es' : ''} ${q ? `“${q}”` : 'in the whole gallery'}.`)}
        <Button variant="ghost" size="sm" className="ml-auto" onClick={onClose}>
          Close
        </Button>
      </p>
      <div role="toolbar" aria-label="Actions on all matching images" className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" size="sm" disabled={blocked} onClick={() => act({ action: 'favourite' }, (a) => `Favourited ${images(a)}.`)}>
          <span aria-hidden="true">★</span> Favourite all {count(n)} matching
        </Button>
        <div className="w-40">
          <Select
            aria-label="Rate all matching"
            className="h-8 text-xs"
            value=""
            disabled={blocked}
            onChange={(e) => {
              const rating = e.target.value === 'none' ? null : Number(e.target.value)
              if (e.target.value)
                act({ action: 'rate', rating }, (a) => (rating ? `Rated ${images(a)} ${rating} ★.` : `Cleared ${images(a)}' ratings.`))
            }}
          >
            <RatingOptions placeholder={`Rate all ${count(n)}…`} />
          </Select>
        </div>
        <TagForm
          label="Tag all matching"
          placeholder="Tag all…"
          inputClassName="w-32"
          button={`Tag all ${count(n)}`}
          disabled={blocked}
          onTag={(tag) => act({ action: 'tag', tags: [tag] }, (a) => `Tagged ${images(a)} “${tag}”.`)}
        />
        <CollectionSelect
          label="Add all matching to collection"
          placeholder={`Add all ${count(n)} to collection…`}
          disabled={blocked}
          onPick={(collection) =>
            act({ action: 'add-to-collection', collectionId: collection.id }, (a) => `Added ${images(a)} to ${collection.name}.`)
          }
        />
        <Button
          variant="secondary"
          size="sm"
          disabled={blocked || zip.isPending}
          onClick={() => zip.mutate({ q }, { onSuccess: (ticket) => download(ticket.url), onError: failed })}
        >
          {zip.isPending ? 'Preparing…' : `Download zip of all ${count(n)}`}
        </Button>
        {confirmDelete ? (
          <>
            <Button variant="destructive" size="sm" disabled={blocked} onClick={() => act({ action: 'delete' }, (a) => `Deleted ${images(a)}.`)}>
              Yes, delete {images(n)}
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setConfirmDelete(false)}>
              Keep them
            </Button>
          </>
        ) : (
          <Button
            variant="ghost"
            size="sm"
            className="text-destructive hover:text-destructive"
            disabled={blocked}
            onClick={() => setConfirmDelete(true)}
          >
            Delete all {count(n)} matching…
          </Button>
        )}
      </div>
    </section>
  )
}
