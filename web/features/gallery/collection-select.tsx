import { useQuery } from '@tanstack/react-query'
import type { Collection } from '../../../shared/gallery-api'
import { Select } from '../../components/ui/select'
import { collectionQueries } from '../../queries/collections'

type CollectionSelectProps = {
  /** The select's accessible name, e.g. "Add selected to collection". */
  label: string
  placeholder: string
  disabled: boolean
  onPick: (collection: Collection) => void
}

/** An "add these to a collection" select: it offers every collection and goes back to its placeholder after a pick. */
export function CollectionSelect({ label, placeholder, disabled, onPick }: CollectionSelectProps) {
  const collections = useQuery(collectionQueries.list())
  return (
    <div className="w-48">
      <Select
        aria-label={label}
        className="h-8 text-xs"
        value=""
        disabled={disabled}
        onChange={(e) => {
          const collection = collections.data?.items.find((c) => c.id === e.target.value)
          if (collection) onPick(collection)
        }}
      >
        <option value="">{placeholder}</option>
        {collections.data?.items.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </Select>
    </div>
  )
}
