// The gallery's search language, typed in one box and kept in the URL:
//   model:z-image seed:42 steps:>8 guidance:3..7 size:1024x768 date:2026-11-01..2026-11-21
//   fav collection:"Moodboard" comparison:<id> template:"{red|blue} fox" "red fox" lighthouse
//   rating:>=4 rating:none tag:hero tag:"golden hour"
// Controls build the same structure, so a view made with either can be shared as a link.
import { MODEL_IDS, MODELS, type ModelId } from './catalogue'
import { normaliseTag } from './ratings'

export type NumberFilter = { op: '=' | '>' | '>=' | '<' | '<='; value: number } | { op: 'between'; min: number; max: number }

export type GalleryFilter = {
  /** Words and quoted phrases, matched against prompts (full text). */
  text: string[]
  models: ModelId[]
  seed?: NumberFilter
  steps?: NumberFilter
  guidance?: NumberFilter
  width?: NumberFilter
  height?: NumberFilter
  /** Inclusive calendar dates, YYYY-MM-DD (UTC). */
  from?: string
  to?: string
  favourite?: boolean
  collection?: string
  comparison?: string
  /** Text the dynamic-prompt template of the image's batch contains (case-insensitive). */
  template?: string
  /** Stars (1–5) compared or ranged, or 'none' for unrated images. */
  rating?: NumberFilter | 'none'
  /** Tags the image has, every one of them (normalised: shared/ratings.ts). */
  tags?: string[]
}

export type ParsedQuery = { filter: GalleryFilter; errors: string[] }

/** `comparison:none`: only images made on the playground, none from a comparison grid. */
export const NO_COMPARISON = 'none'

export const FILTER_KEYS = [
  'model',
  'seed',
  'steps',
  'guidance',
  'width',
  'height',
  'size',
  'date',
  'from',
  'to',
  'fav',
  'collection',
  'comparison',
  'template',
  'rating',
  'tag',
] as const

const NUMBER_KEYS = { seed: 'seed', steps: 'steps', guidance: 'guidance', width: 'width', height: 'height' } as const
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** Splits on spaces, keeping "quoted phrases" and key:"quoted values" whole. */
function tokens(query: string): string[] {
  return [...query.matchAll(/(?:[^\s"]+:)?"[^"]*"?|\S+/g)].map((m) => m[0])
}

const unquote = (s: string) => s.replace(/^"/, '').replace(/"$/, '')

export function parseNumberFilter(text: string): NumberFilter | null {
  const range = /^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)$/.exec(text)
  if (range) {
    const [min, max] = [Number(range[1]), Number(range[2])]
    return min <= max ? { op: 'between', min, max } : { op: 'between', min: max, max: min }
  }
  const cmp = /^(>=|<=|>|<|=)?(-?\d+(?:\.\d+)?)$/.exec(text)
  return cmp ? { op: (cmp[1] ?? '=') as '=', value: Number(cmp[2]) } : null
}

/** `z-image`, `ernie`, `ERNIE Image 1.0`: every model whose id or name starts with the text. */
export function matchModels(text: string): ModelId[] {
  const t = text.toLowerCase().replace(/\s+/g, '-')
  return MODEL_IDS.filter((id) => id.startsWith(t) || MODELS[id].displayName.toLowerCase().replace(/\s+/g, '-').startsWith(t))
}

export function parseGalleryQuery(query: string): ParsedQuery {
  const filter: GalleryFilter = { text: [], models: [] }
  const errors: string[] = []
  for (const token of tokens(query)) {
    const colon = token.indexOf(':')
    const key = colon > 0 && !token.startsWith('"') ? token.slice(0, colon).toLowerCase() : null
    if (key === null || !(FILTER_KEYS as readonly string[]).includes(key)) {
      if (key !== null && /^[a-z]+$/.test(key)) errors.push(`Unknown filter "${key}:"; use one of ${FILTER_KEYS.join(', ')}`)
      else if (token === 'fav' || token === 'favourite' || token === 'favorite') filter.favourite = true
      else if (unquote(token).trim()) filter.text.push(unquote(token).trim())
      continue
    }
    const value = unquote(token.slice(colon + 1))
    if (key === 'model') {
      const found = matchModels(value)
      if (found.length) filter.models.push(...found.filter((m) => !filter.models.includes(m)))
      else errors.push(`model:${value} matches no model; try ${MODEL_IDS.join(', ')}`)
    } else if (key in NUMBER_KEYS) {
      const parsed = parseNumberFilter(value)
      if (parsed) filter[key as keyof typeof NUMBER_KEYS] = parsed
      else errors.push(`${key}:${value} is not a number, a comparison (>8, <=20) or a range (4..12)`)
    } else if (key === 'size') {
      const wh = /^(\d+)x(\d+)$/i.exec(value)
      if (wh) Object.assign(filter, { width: { op: '=', value: Number(wh[1]) }, height: { op: '=', value: Number(wh[2]) } })
      else errors.push(`size:${value} must be WIDTHxHEIGHT, e.g. size:1024x768`)
    } else if (key === 'date' || key === 'from' || key === 'to') {
      const [a, b] = value.split('..')
      const from = key === 'to' ? undefined : a
      const to = key === 'from' ? undefined : key === 'to' ? a : (b ?? a)
      if ([from, to].some((d) => d !== undefined && !DATE.test(d)))
        errors.push(`${key}:${value} must be a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD`)
      else Object.assign(filter, from ? { from } : {}, to ? { to } : {})
    } else if (key === 'rating') {
      const parsed = value.toLowerCase() === 'none' ? 'none' : parseNumberFilter(value)
      if (parsed) filter.rating = parsed
      else errors.push(`rating:${value} must be stars 1–5, a comparison (>=4, <3), a range (2..4) or none`)
    } else if (key === 'tag') {
      const tag = normaliseTag(value)
      if (tag) filter.tags = [...(filter.tags ?? []).filter((t) => t !== tag), tag]
    } else if (key === 'fav') {
      filter.favourite = value !== 'no' && value !== 'false'
    } else if (value) {
      filter[key as 'collection' | 'comparison' | 'template'] = value
    }
  }
  return { filter, errors }
}

const numberText = (f: NumberFilter) => (f.op === 'between' ? `${f.min}..${f.max}` : f.op === '=' ? `${f.value}` : `${f.op}${f.value}`)
const quoteIfNeeded = (s: string) => (/[\s"]/.test(s) ? `"${s.replace(/"/g, '')}"` : s)

/** The canonical text of a filter: what the search box and the URL show. */
export function formatGalleryQuery(filter: GalleryFilter): string {
  const parts: string[] = filter.models.map((m) => `model:${m}`)
  for (const key of ['seed', 'steps', 'guidance', 'width', 'height'] as const) {
    const f = filter[key]
    if (f) parts.push(`${key}:${numberText(f)}`)
  }
  if (filter.from && filter.to) parts.push(filter.from === filter.to ? `date:${filter.from}` : `date:${filter.from}..${filter.to}`)
  else if (filter.from) parts.push(`from:${filter.from}`)
  else if (filter.to) parts.push(`to:${filter.to}`)
  if (filter.favourite) parts.push('fav')
  if (filter.collection) parts.push(`collection:${quoteIfNeeded(filter.collection)}`)
  if (filter.comparison) parts.push(`comparison:${filter.comparison}`)
  if (filter.template) parts.push(`template:${quoteIfNeeded(filter.template)}`)
  if (filter.rating) parts.push(`rating:${filter.rating === 'none' ? 'none' : numberText(filter.rating)}`)
  for (const tag of filter.tags ?? []) parts.push(`tag:${quoteIfNeeded(tag)}`)
  parts.push(...filter.text.map(quoteIfNeeded))
  return parts.join(' ')
}

export const isEmptyFilter = (f: GalleryFilter) => formatGalleryQuery(f) === ''
