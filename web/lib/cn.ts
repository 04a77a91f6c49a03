// `cn`: joins class names, and a later Tailwind class replaces an earlier one that sets the same
// thing, so a caller's className overrides a primitive's (`h-8` over `h-9`, `text-xs` over `text-sm`
// but not over `text-muted-foreground`). A small stand-in for tailwind-merge (about 8 KB gzipped on
// the first load, decision 029) that knows the utilities this app writes; a class it does not know
// conflicts with nothing but itself.
import { clsx, type ClassValue } from 'clsx'

const PREFIXES = (
  'scroll-mt scroll-mb scroll-m scroll-pt scroll-pb scroll-p justify-items justify-self place-self min-w min-h max-w max-h gap-x gap-y space-x space-y inset-x inset-y grid-cols grid-rows col-span row-span line-clamp ring-offset ' +
  'outline-offset backdrop-blur translate-x translate-y underline-offset pointer-events place-items place-content overflow-x overflow-y ' +
  'rounded-t rounded-b rounded-l rounded-r rounded-tl rounded-tr rounded-bl rounded-br border-t border-b border-l border-r border-x border-y ' +
  'p px py pt pr pb pl ps pe m mx my mt mr mb ml w h size gap inset top left right bottom z opacity leading tracking items justify self ' +
  'content overflow cursor select whitespace transition duration delay ease animate object aspect scale rotate blur brightness decoration ' +
  'text font bg border shadow ring outline rounded flex basis order shrink grow fill stroke accent caret resize appearance break list align ' +
  'divide columns origin touch will-change'
)
  .split(' ')
  .sort((a, b) => b.length - a.length)

const SOLO: Record<string, string> = {}
for (const [group, words] of Object.entries({
  display: 'block inline-block inline flex inline-flex grid inline-grid hidden contents table table-row table-cell flow-root',
  position: 'static fixed absolute relative sticky',
  visibility: 'visible invisible collapse',
  'text-decoration': 'underline overline line-through no-underline',
  'text-transform': 'uppercase lowercase capitalize normal-case',
  'font-style': 'italic not-italic',
  'sr-only': 'sr-only not-sr-only',
  truncate: 'truncate',
  isolation: 'isolate isolation-auto',
})) {
  for (const word of words.split(' ')) SOLO[word] = group
}
// Bare forms of prefixed utilities: `border` is a width, `shadow` a size.
const BARE: Record<string, string> = {
  border: 'border-w',
  rounded: 'rounded',
  shadow: 'shadow',
  ring: 'ring-w',
  outline: 'outline-style',
  transition: 'transition',
  shrink: 'shrink',
  grow: 'grow',
  blur: 'blur',
}

const is = (words: string) => {
  const set = new Set(words.split(' '))
  return (v: string) => set.has(v)
}
const isLength = (v: string) => /^\d+(\.\d+)?$/.test(v) || /^\[[\d.]+(px|rem|em)\]$/.test(v)
const TEXT_SIZE = is('xs sm base lg xl 2xl 3xl 4xl 5xl 6xl 7xl 8xl 9xl')
const TEXT_ALIGN = is('left center right justify start end')
const TEXT_WRAP = is('wrap nowrap balance pretty')
const FONT_WEIGHT = is('thin extralight light normal medium semibold bold extrabold black')
const LINE_STYLE = is('solid dashed dotted double hidden none')
const BG_OTHER =
  /^(none|cover|contain|auto|fixed|local|scroll|center|top|bottom|left|right|repeat|no-repeat|repeat-x|repeat-y|clip-.*|origin-.*|linear-.*|radial-.*|conic-.*|gradient-.*)$/
const SHADOW_SIZE = is('2xs xs sm md lg xl 2xl none inner')
const SIDE = is('t b l r x y s e')
const FLEX_DIRECTION = is('row row-reverse col col-reverse')
const FLEX_WRAP = is('wrap nowrap wrap-reverse')
const OBJECT_FIT = is('contain cover fill none scale-down')

/** What a utility sets, e.g. `text-xs` → "text-size", `hover:bg-accent` → "bg-color" (variants apart). */
function groupOf(utility: string): string {
  const u = utility.replace(/^-/, '')
  if (SOLO[u]) return SOLO[u]
  if (BARE[u]) return BARE[u]
  const prefix = PREFIXES.find((p) => u.startsWith(`${p}-`))
  if (!prefix) return u
  const v = u.slice(prefix.length + 1)
  switch (prefix) {
    case 'text':
      if (TEXT_SIZE(v) || isLength(v)) return 'text-size'
      if (TEXT_ALIGN(v)) return 'text-align'
      if (TEXT_WRAP(v)) return 'text-wrap'
      if (v === 'ellipsis' || v === 'clip') return 'text-overflow'
      return 'text-color'
    case 'font':
      return FONT_WEIGHT(v) ? 'font-weight' : 'font-family'
    case 'border':
      if (SIDE(v)) return `border-${v}-w`
      if (v === 'separate' || v === 'collapse') return 'border-collapse'
      if (v.startsWith('spacing')) return 'border-spacing'
      return `border-${isLength(v) ? 'w' : LINE_STYLE(v) ? 'style' : 'color'}`
    case 'border-t':
    case 'border-b':
    case 'border-l':
    case 'border-r':
    case 'border-x':
    case 'border-y':
      return `${prefix}-${isLength(v) ? 'w' : LINE_STYLE(v) ? 'style' : 'color'}`
    case 'rounded':
      return SIDE(v) || /^(tl|tr|bl|br)$/.test(v) ? `rounded-${v}` : 'rounded'
    case 'divide':
      return SIDE(v) || /^[xy]-/.test(v) ? `divide-${v[0]}-w` : LINE_STYLE(v) ? 'divide-style' : 'divide-color'
    case 'bg':
      return BG_OTHER.test(v) ? `bg-${v.split('-')[0]}` : 'bg-color'
    case 'shadow':
      return SHADOW_SIZE(v) || v.startsWith('[') ? 'shadow' : 'shadow-color'
    case 'ring':
      return isLength(v) ? 'ring-w' : v === 'inset' ? 'ring-inset' : 'ring-color'
    case 'ring-offset':
      return isLength(v) ? 'ring-offset-w' : 'ring-offset-color'
    case 'outline':
      return isLength(v) ? 'outline-w' : LINE_STYLE(v) ? 'outline-style' : 'outline-color'
    case 'decoration':
      return isLength(v) || v === 'auto' || v === 'from-font'
        ? 'decoration-w'
        : LINE_STYLE(v) || v === 'wavy'
          ? 'decoration-style'
          : 'decoration-color'
    case 'flex':
      return FLEX_DIRECTION(v) ? 'flex-direction' : FLEX_WRAP(v) ? 'flex-wrap' : 'flex'
    case 'object':
      return OBJECT_FIT(v) ? 'object-fit' : 'object-position'
    default:
      return prefix
  }
}

/** Groups a later class of the key's group also replaces: `p-2` after `px-4` drops it, not the other way round. */
const COVERS: Record<string, string[]> = {
  p: ['px', 'py', 'pt', 'pr', 'pb', 'pl', 'ps', 'pe'],
  px: ['pr', 'pl', 'ps', 'pe'],
  py: ['pt', 'pb'],
  m: ['mx', 'my', 'mt', 'mr', 'mb', 'ml'],
  mx: ['mr', 'ml'],
  my: ['mt', 'mb'],
  size: ['w', 'h'],
  inset: ['inset-x', 'inset-y', 'top', 'right', 'bottom', 'left'],
  'inset-x': ['right', 'left'],
  'inset-y': ['top', 'bottom'],
  gap: ['gap-x', 'gap-y'],
  flex: ['grow', 'shrink', 'basis'],
  'border-x-w': ['border-l-w', 'border-r-w'],
  'border-y-w': ['border-t-w', 'border-b-w'],
  'border-x-color': ['border-l-color', 'border-r-color'],
  'border-y-color': ['border-t-color', 'border-b-color'],
  overflow: ['overflow-x', 'overflow-y'],
  rounded: ['rounded-t', 'rounded-b', 'rounded-l', 'rounded-r', 'rounded-tl', 'rounded-tr', 'rounded-bl', 'rounded-br'],
  'border-w': ['border-t-w', 'border-b-w', 'border-l-w', 'border-r-w', 'border-x-w', 'border-y-w'],
  // A font size sets the line height too; a line clamp sets display and overflow.
  'text-size': ['leading'],
  'line-clamp': ['display', 'overflow'],
  'border-color': ['border-t-color', 'border-b-color', 'border-l-color', 'border-r-color', 'border-x-color', 'border-y-color'],
}

/** Splits `md:hover:!bg-accent` into its variants ("md:hover:") and utility ("bg-accent"), brackets kept whole. */
function split(cls: string) {
  let depth = 0
  let cut = 0
  for (let i = 0; i < cls.length; i++) {
    const c = cls[i]
    if (c === '[' || c === '(') depth++
    else if (c === ']' || c === ')') depth--
    else if (c === ':' && depth === 0) cut = i + 1
  }
  const important = cls[cut] === '!' || cls.endsWith('!')
  return { variants: cls.slice(0, cut) + (important ? '!' : ''), utility: cls.slice(cut).replace(/^!|!$/g, '') }
}

function merge(classes: string) {
  const kept: { cls: string; key: string }[] = []
  for (const cls of classes.split(/\s+/)) {
    if (!cls) continue
    const { variants, utility } = split(cls)
    const group = groupOf(utility)
    const replaced = new Set([group, ...(COVERS[group] ?? [])].map((g) => variants + g))
    for (let i = kept.length - 1; i >= 0; i--) if (replaced.has(kept[i]!.key)) kept.splice(i, 1)
    kept.push({ cls, key: variants + group })
  }
  return kept.map((k) => k.cls).join(' ')
}

/**
 * Merged strings by input: a page calls `cn` with the same few hundred strings on every render, and
 * merging is the costly part (a re-render of the playground spent ~20 ms in it). Emptied when full.
 */
const merged = new Map<string, string>()
const MERGED_MAX = 1000

/** Joins class names; later Tailwind classes win, so a caller's className overrides a primitive's. */
export function cn(...inputs: ClassValue[]) {
  const classes = clsx(inputs)
  let out = merged.get(classes)
  if (out === undefined) {
    if (merged.size >= MERGED_MAX) merged.clear()
    out = merge(classes)
    merged.set(classes, out)
  }
  return out
}
