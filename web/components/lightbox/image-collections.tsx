import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { ImageDetail } from '../../../shared/gallery-api'
import { collectionMutations, collectionQueries } from '../../queries/collections'
import { Button } from '../ui/button'
import { Input } from '../ui/input'
import { Select } from '../ui/select'

const NEW = '__new__'

/** The collections an image is in (it may be in several), with add and remove. */
export function ImageCollections({ imageId, detail }: { imageId: string; detail: ImageDetail | undefined }) {
  const all = useQuery(collectionQueries.list())
  const add = useMutation(collectionMutations.addImages())
  const remove = useMutation(collectionMutations.removeImages())
  const create = useMutation(collectionMutations.create())
  const [naming, setNaming] = useState(false)
  const [name, setName] = useState('')
  const inside = detail?.collections ?? []
  const others = (all.data?.items ?? []).filter((c) => !inside.some((i) => i.id === c.id))
  const error = add.error ?? remove.error ?? create.error

  function createAndAdd() {
    create.mutate(name, {
      onSuccess: (collection) => {
        add.mutate({ collectionId: collection.id, ids: [imageId] })
        setNaming(false)
        setName('')
      },
    })
  }

  return (
    <section aria-label="Collections" className="grid gap-2">
      <h3 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Collections</h3>
      {inside.length > 0 && (
        <ul className="flex flex-wrap gap-1.5">
          {inside.map((c) => (
            <li key={c.id} className="inline-flex items-center gap-1 rounded-full border border-border bg-muted py-0.5 pr-1 pl-2.5 text-xs">
              {c.name}
              <button
                type="button"
                aria-label={`Remove from ${c.name}`}
                disabled={remove.isPending}
                onClick={() => remove.mutate({ collectionId: c.id, ids: [imageId] })}
                className="grid size-5 cursor-pointer place-items-center rounded-full text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {naming ? (
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault()
            createAndAdd()
          }}
        >
          <Input aria-label="New collection name" autoFocus maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
          <Button type="submit" size="sm" className="h-9" disabled={!name.trim() || create.isPending}>
            Add
          </Button>
          <Button variant="ghost" size="sm" className="h-9" onClick={() => setNaming(false)}>
            Cancel
          </Button>
        </form>
      ) : (
        <Select
          aria-label="Add to collection"
          value=""
          disabled={!detail || add.isPending}
          onChange={(e) => {
            if (e.target.value === NEW) setNaming(true)
            else if (e.target.value) add.mutate({ collectionId: e.target.value, ids: [imageId] })
          }}
        >
          <option value="">{inside.length ? 'Add to another collection…' : 'Add to a collection…'}</option>
          {others.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
          <option value={NEW}>New collection…</option>
        </Select>
      )}
      {error && (
        <p role="alert" className="text-xs text-destructive">
          {error.message}
        </p>
      )}
    </section>
  )
}
