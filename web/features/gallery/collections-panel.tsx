import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { Collection } from '../../../shared/gallery-api'
import { collectionMutations, collectionQueries } from '../../queries/collections'
import { Button } from '../../components/ui/button'
import { Input } from '../../components/ui/input'
import { cn } from '../../lib/cn'

type CollectionsPanelProps = {
  /** The collection the view is filtered to (by name), and whether it shows favourites only. */
  active: { collection?: string; favourite?: boolean }
  onShow: (view: { collection?: string; favourite?: boolean }) => void
}

const item =
  'flex w-full cursor-pointer items-center gap-2 rounded-md px-2.5 py-1.5 text-left text-sm text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring aria-[current=true]:bg-accent aria-[current=true]:font-medium aria-[current=true]:text-foreground'

type NameFormProps = {
  initial: string
  label: string
  onSave: (name: string) => void
  onCancel: () => void
  /** The name changed: an error about the old one ("already exists") no longer applies. */
  onEdit?: () => void
  pending: boolean
}

function NameForm({ initial, label, onSave, onCancel, onEdit, pending }: NameFormProps) {
  const [name, setName] = useState(initial)
  return (
    <form
      className="flex gap-1.5 p-1"
      onSubmit={(e) => {
        e.preventDefault()
        if (name.trim()) onSave(name.trim())
      }}
    >
      <Input
        aria-label={label}
        autoFocus
        maxLength={80}
        value={name}
        className="h-8"
        onChange={(e) => {
          setName(e.target.value)
          onEdit?.()
        }}
        onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), onCancel())}
      />
      <Button type="submit" size="sm" disabled={!name.trim() || pending}>
        Save
      </Button>
    </form>
  )
}

type RowProps = {
  collection: Collection
  current: boolean
  /** Shows the collection, by this name, or the whole gallery when null (it was deleted). */
  onShow: (name: string | null) => void
}

function CollectionRow({ collection, current, onShow }: RowProps) {
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view')
  const rename = useMutation(collectionMutations.rename())
  const remove = useMutation(collectionMutations.delete())
  if (mode === 'rename') {
    return (
      <li>
        <NameForm
          initial={collection.name}
          label={`New name for ${collection.name}`}
          pending={rename.isPending}
          onEdit={() => rename.isError && rename.reset()}
          onCancel={() => setMode('view')}
          onSave={(name) =>
            rename.mutate(
              { id: collection.id, name },
              {
                onSuccess: () => {
                  setMode('view')
                  // A view filtered by the old name follows the collection to its new one.
                  if (current) onShow(name)
                },
              },
            )
          }
        />
        {rename.isError && (
          <p role="alert" className="px-2 pb-1 text-xs text-destructive">
            {rename.error.message}
          </p>
        )}
      </li>
    )
  }
  if (mode === 'delete') {
    return (
      <li
        role="group"
        aria-label={`Delete ${collection.name}?`}
        className="grid gap-2 rounded-md border border-destructive/40 bg-destructive/10 p-2.5 text-xs"
      >
        <p>
          Delete “{collection.name}”? Its {collection.imageCount} image{collection.imageCount === 1 ? '' : 's'} stay in the gallery.
        </p>
        <div className="flex gap-1.5">
          <Button
            size="sm"
            variant="destructive"
            disabled={remove.isPending}
            onClick={() => remove.mutate(collection.id, { onSuccess: () => current && onShow(null) })}
          >
            Delete collection
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setMode('view')}>
            Keep
          </Button>
        </div>
      </li>
    )
  }
  return (
    <li className="group/row relative">
      <button type="button" aria-current={current} className={cn(item, 'pr-16')} onClick={() => onShow(collection.name)}>
        <span className="truncate">{collection.name}</span>
        <span className="ml-auto text-xs tabular-nums group-hover/row:invisible group-focus-within/row:invisible">{collection.imageCount}</span>
      </button>
      <span className="absolute top-1/2 right-1 flex -translate-y-1/2 opacity-0 group-focus-within/row:opacity-100 group-hover/row:opacity-100">
        <Button
          variant="ghost"
          size="sm"
          className="h-6 px-1.5 text-[11px]"
          aria-label={`Rename ${collection.name}`}
          onClick={() => setMode('rename')}
        >
          Rename
        </Button>
        <Button
          variant="ghost"
          size="sm"
          className="h-6 px-1.5 text-[11px] text-destructive hover:text-destructive"
          aria-label={`Delete ${collection.name}`}
          onClick={() => setMode('delete')}
        >
          ✕
        </Button>
      </span>
    </li>
  )
}

/** All images, favourites, and the collections: each a view of the gallery; collections are managed here. */
export function CollectionsPanel({ active, onShow }: CollectionsPanelProps) {
  const list = useQuery(collectionQueries.list())
  const create = useMutation(collectionMutations.create())
  const [creating, setCreating] = useState(false)
  const all = !active.collection && !active.favourite
  return (
    <nav aria-label="Library" className="grid gap-4 text-sm">
      <ul className="grid gap-0.5">
        <li>
          <button type="button" aria-current={all} className={item} onClick={() => onShow({})}>
            All images
          </button>
        </li>
        <li>
          <button type="button" aria-current={!!active.favourite && !active.collection} className={item} onClick={() => onShow({ favourite: true })}>
            <span className="text-primary" aria-hidden="true">
              ★
            </span>{' '}
            Favourites
          </button>
        </li>
      </ul>
      <div className="grid gap-1">
        <div className="flex items-center justify-between px-2.5">
          <h2 id="collections-title" className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
            Collections
          </h2>
          <Button variant="ghost" size="sm" className="h-6 px-2 text-xs" onClick={() => setCreating(true)}>
            + New
          </Button>
        </div>
        {creating && (
          <NameForm
            initial=""
            label="Collection name"
            pending={create.isPending}
            onCancel={() => setCreating(false)}
            onSave={(name) => create.mutate(name, { onSuccess: () => setCreating(false) })}
            onEdit={() => create.isError && create.reset()}
          />
        )}
        {create.isError && (
          <p role="alert" className="px-2.5 text-xs text-destructive">
            {create.error.message}
          </p>
        )}
        {list.isSuccess && list.data.items.length === 0 && !creating && (
          <p className="px-2.5 text-xs leading-relaxed text-muted-foreground">None yet. An image can be in several collections.</p>
        )}
        <ul aria-label="Collections" className="grid gap-0.5">
          {list.data?.items.map((c) => (
            <CollectionRow
              key={c.id}
              collection={c}
              current={active.collection === c.name || active.collection === c.id}
              onShow={(name) => onShow(name === null ? {} : { collection: name })}
            />
          ))}
        </ul>
      </div>
    </nav>
  )
}
