import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { MODEL_IDS, MODELS } from '../../../shared/catalogue'
import { formatGalleryQuery, parseNumberFilter, type GalleryFilter, type NumberFilter } from '../../../shared/gallery-query'
import { collectionQueries } from '../../queries/collections'
import { comparisonQueries } from '../../queries/comparisons'
import { Button } from '../../components/ui/button'
import { Field } from '../../components/ui/field'
import { Input } from '../../components/ui/input'
import { Select } from '../../components/ui/select'
import { Switch } from '../../components/ui/switch'
import { NO_COMPARISON } from '../../../shared/gallery-query'
import { ToggleChip } from '../../components/ui/toggle-chip'

type FilterPanelProps = { filter: GalleryFilter; onChange: (filter: GalleryFilter) => void }
type NumberKey = 'seed' | 'steps' | 'guidance'

/** The query text of one part of a filter, e.g. `>8` for steps, `1024x768` for a size. */
const partText = (key: NumberKey, value: NumberFilter | undefined) =>
  value ? formatGalleryQuery({ text: [], models: [], [key]: value }).slice(key.length + 1) : ''

const sizeText = (f: GalleryFilter) => (f.width?.op === '=' && f.height?.op === '=' ? `${f.width.value}x${f.height.value}` : '')

/**
 * A text control applied whenever it reads as valid (or is cleared); while it does not, it is
 * marked invalid and the filter keeps its last good value. `normalise` gives the canonical text of
 * what was typed, or null when it cannot be read.
 */
function QueryPartField({
  id,
  label,
  hint,
  placeholder,
  value,
  normalise,
  onApply,
}: {
  id: string
  label: string
  hint: string
  placeholder: string
  value: string
  normalise: (text: string) => string | null
  onApply: (canonical: string) => void
}) {
  const [text, setText] = useState(value)
  const [seen, setSeen] = useState(value)
  // The filter changed elsewhere: show it, unless what is typed already means the same (4..1 is 1..4).
  if (value !== seen) {
    setSeen(value)
    if (normalise(text.trim()) !== value) setText(value)
  }
  const valid = normalise(text.trim()) !== null
  return (
    <Field id={id} label={label} error={valid ? undefined : hint}>
      {(control) => (
        <Input
          {...control}
          placeholder={placeholder}
          spellCheck={false}
          className="font-mono text-[13px]"
          value={text}
          onChange={(e) => {
            setText(e.target.value)
            const canonical = normalise(e.target.value.trim())
            if (canonical !== null) onApply(canonical)
          }}
        />
      )}
    </Field>
  )
}

const normaliseNumber = (key: NumberKey) => (t: string) => {
  if (t === '') return ''
  const parsed = parseNumberFilter(t)
  return parsed ? partText(key, parsed) : null
}

/** The rating filters the panel offers; any other (typed in the box) is shown as its own choice. */
const RATING_CHOICES: Record<string, { label: string; filter: GalleryFilter['rating'] }> = {
  '': { label: 'Any', filter: undefined },
  '5': { label: '★★★★★ only', filter: { op: '=', value: 5 } },
  '>=4': { label: '★★★★ or more', filter: { op: '>=', value: 4 } },
  '>=3': { label: '★★★ or more', filter: { op: '>=', value: 3 } },
  '>=2': { label: '★★ or more', filter: { op: '>=', value: 2 } },
  '>=1': { label: 'Any rating', filter: { op: '>=', value: 1 } },
  none: { label: 'Unrated', filter: 'none' },
}
const ratingValue = (r: GalleryFilter['rating']) =>
  r === undefined ? '' : r === 'none' ? 'none' : r.op === 'between' ? `${r.min}..${r.max}` : r.op === '=' ? `${r.value}` : `${r.op}${r.value}`

function normaliseSize(t: string) {
  if (t === '') return ''
  const m = /^(\d+)\s*x\s*(\d+)$/i.exec(t)
  return m ? `${Number(m[1])}x${Number(m[2])}` : null
}

/** Structured controls for the same filter the search box holds. */
export function FilterPanel({ filter, onChange }: FilterPanelProps) {
  const collections = useQuery(collectionQueries.list())
  const comparisons = useQuery(comparisonQueries.list())
  const set = (patch: Partial<GalleryFilter>) => onChange({ ...filter, ...patch })
  const numberField = (key: NumberKey, label: string, placeholder: string) => (
    <QueryPartField
      id={`filter-${key}`}
      label={label}
      placeholder={placeholder}
      hint="A number, >8, <=20 or a range 4..12"
      value={partText(key, filter[key])}
      normalise={normaliseNumber(key)}
      onApply={(t) => set({ [key]: t ? (parseNumberFilter(t) ?? undefined) : undefined })}
    />
  )

  return (
    <div role="group" aria-label="Filters" className="grid gap-4 rounded-xl border border-border bg-card/60 p-4">
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Models">
        <span className="mr-1 text-sm font-medium">Model</span>
        {MODEL_IDS.map((id) => {
          const on = filter.models.includes(id)
          return (
            <ToggleChip
              key={id}
              pressed={on}
              className="no-underline"
              onClick={() => set({ models: on ? filter.models.filter((m) => m !== id) : [...filter.models, id] })}
            >
              {MODELS[id].displayName}
            </ToggleChip>
          )
        })}
      </div>
      <div className="grid grid-cols-2 gap-x-3 gap-y-4 sm:grid-cols-3 xl:grid-cols-6">
        {numberField('seed', 'Seed', '42')}
        {numberField('steps', 'Steps', '>8')}
        {numberField('guidance', 'Guidance', '3..7')}
        <QueryPartField
          id="filter-size"
          label="Size"
          placeholder="1024x768"
          hint="Width x height, e.g. 1024x768"
          value={sizeText(filter)}
          normalise={normaliseSize}
          onApply={(t) => {
            const [w, h] = t.split('x').map(Number)
            set(t ? { width: { op: '=', value: w! }, height: { op: '=', value: h! } } : { width: undefined, height: undefined })
          }}
        />
        <Field id="filter-from" label="From">
          {(control) => (
            <Input {...control} type="date" value={filter.from ?? ''} max={filter.to} onChange={(e) => set({ from: e.target.value || undefined })} />
          )}
        </Field>
        <Field id="filter-to" label="To">
          {(control) => (
            <Input {...control} type="date" value={filter.to ?? ''} min={filter.from} onChange={(e) => set({ to: e.target.value || undefined })} />
          )}
        </Field>
      </div>
      <div className="grid grid-cols-1 items-end gap-x-3 gap-y-4 sm:grid-cols-[auto_1fr_1fr_auto]">
        <div className="grid gap-2">
          <Field id="filter-fav" label="Favourites only" inline className="rounded-md border border-input px-3">
            {(control) => (
              <Switch {...control} checked={filter.favourite === true} onChange={(e) => set({ favourite: e.target.checked || undefined })} />
            )}
          </Field>
          <Field id="filter-no-comparisons" label="Hide comparison images" inline className="rounded-md border border-input px-3">
            {(control) => (
              <Switch
                {...control}
                checked={filter.comparison === NO_COMPARISON}
                onChange={(e) => set({ comparison: e.target.checked ? NO_COMPARISON : undefined })}
              />
            )}
          </Field>
        </div>
        <Field id="filter-collection" label="Collection">
          {(control) => (
            <Select {...control} value={filter.collection ?? ''} onChange={(e) => set({ collection: e.target.value || undefined })}>
              <option value="">Any</option>
              {filter.collection && !collections.data?.items.some((c) => c.name === filter.collection) && (
                <option value={filter.collection}>{filter.collection}</option>
              )}
              {collections.data?.items.map((c) => (
                <option key={c.id} value={c.name}>
                  {c.name} ({c.imageCount})
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="filter-rating" label="Rating">
          {(control) => (
            <Select {...control} value={ratingValue(filter.rating)} onChange={(e) => set({ rating: RATING_CHOICES[e.target.value]?.filter })}>
              {!(ratingValue(filter.rating) in RATING_CHOICES) && (
                <option value={ratingValue(filter.rating)}>rating:{ratingValue(filter.rating)}</option>
              )}
              {Object.entries(RATING_CHOICES).map(([value, choice]) => (
                <option key={value} value={value}>
                  {choice.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="filter-comparison" label="Comparison">
          {(control) => (
            <Select {...control} value={filter.comparison ?? ''} onChange={(e) => set({ comparison: e.target.value || undefined })}>
              <option value="">Any</option>
              {filter.comparison && !comparisons.data?.items.some((c) => c.id === filter.comparison) && (
                <option value={filter.comparison}>{filter.comparison}</option>
              )}
              {comparisons.data?.items.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Button variant="ghost" onClick={() => onChange({ text: filter.text, models: [] })}>
          Clear filters
        </Button>
      </div>
    </div>
  )
}
