// Dynamic prompts: one template expands to many prompts. The grammar follows the sd-dynamic-prompts
// extension people know from AUTOMATIC1111, so templates can be pasted across:
//   {red|green|blue} fox        one of the variants
//   {2$$a|b|c}                  pick two different variants, joined with ", "
//   {1-3$$ and $$a|b|c}         pick one to three, joined with " and "
//   {4-12}  {0.5-2 (+0.5)}      a number from a range (step 1, or the step in brackets)
//   __animals__                 one entry of the named list "animals" (entries may use the grammar too)
// Escape a special character with a backslash: \{ \} \| \_
// Errors name the position (0-based character offset) so the form can point at it; nothing is sent.

import { mulberry32 } from './prng'

export type TemplateError = { message: string; position: number }

type Seq = Node[]
type Node = { kind: 'text'; text: string } | { kind: 'choice'; options: Seq[]; min: number; max: number; sep: string }

export type Template = { source: string; body: Seq }
export type NamedLists = Readonly<Record<string, readonly string[]>>

export const DEFAULT_SEPARATOR = ', '
/** The most prompts "all combinations" may produce; more is almost always a typo. */
export const MAX_EXPANSION = 1000
const MAX_RANGE_VALUES = 1000
const MAX_LIST_DEPTH = 8

export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} (at character ${position + 1})`)
  }
}

/** True when the text uses any dynamic syntax, i.e. it would expand to something other than itself. */
export function isTemplate(text: string): boolean {
  return /(^|[^\\])(\{|__[\w-]+__)/.test(text)
}

export function parseTemplate(source: string, lists: NamedLists = {}): { ok: true; template: Template } | { ok: false; error: TemplateError } {
  try {
    return { ok: true, template: { source, body: new Parser(source, lists, []).parseAll() } }
  } catch (err) {
    if (err instanceof TemplateSyntaxError) return { ok: false, error: { message: err.message, position: err.position } }
    throw err
  }
}

class Parser {
  private i = 0
  constructor(
    private readonly src: string,
    private readonly lists: NamedLists,
    private readonly stack: string[],
  ) {}

  parseAll(): Seq {
    const seq = this.parseSeq(false)
    if (this.i < this.src.length) throw new TemplateSyntaxError(`Unexpected "${this.src[this.i]}"`, this.i)
    return seq
  }

  /** Text and choices up to the end, or inside braces up to the next `|` or `}`. */
  private parseSeq(inBraces: boolean): Seq {
    const seq: Seq = []
    let text = ''
    const flush = () => {
      if (text) seq.push({ kind: 'text', text })
      text = ''
    }
    while (this.i < this.src.length) {
      const ch = this.src[this.i]
      if (ch === '\\' && this.i + 1 < this.src.length) {
        text += this.src[this.i + 1]
        this.i += 2
      } else if (ch === '{') {
        flush()
        seq.push(this.parseChoice())
      } else if (ch === '}') {
        if (inBraces) break
        throw new TemplateSyntaxError('"}" without a matching "{"', this.i)
      } else if (ch === '|' && inBraces) {
        break
      } else if (ch === '_' && this.src.startsWith('__', this.i)) {
        const m = /^__([\w-]+)__/.exec(this.src.slice(this.i))
        if (!m) {
          text += ch
          this.i++
          continue
        }
        flush()
        seq.push(this.wildcard(m[1] ?? '', this.i))
        this.i += m[0].length
      } else {
        text += ch
        this.i++
      }
    }
    flush()
    return seq
  }

  private parseChoice(): Node {
    const open = this.i
    const close = this.matchingBrace(open)
    const inner = this.src.slice(open + 1, close)
    const range = parseNumberRange(inner)
    if (range) {
      if ('error' in range) throw new TemplateSyntaxError(range.error, open + 1)
      this.i = close + 1
      return { kind: 'choice', options: range.values.map((v) => [{ kind: 'text', text: v }]), min: 1, max: 1, sep: DEFAULT_SEPARATOR }
    }
    this.i = open + 1
    let min = 1
    let max = 1
    let sep = DEFAULT_SEPARATOR
    const head = /^(\d+)(?:-(\d+))?\$\$(?:((?:[^$\\]|\\.)*)\$\$)?/.exec(inner)
    if (head) {
      min = Number(head[1])
      max = head[2] === undefined ? min : Number(head[2])
      if (head[3] !== undefined) sep = head[3].replace(/\\(.)/g, '$1')
      if (max < min) throw new TemplateSyntaxError(`The count ${min}-${max} goes backwards`, open + 1)
      if (max === 0) throw new TemplateSyntaxError('Pick at least one variant', open + 1)
      this.i += head[0].length
    }
    const options: Seq[] = []
    for (;;) {
      options.push(this.parseSeq(true))
      if (this.src[this.i] === '|') {
        this.i++
        continue
      }
      break
    }
    this.i = close + 1
    if (max > options.length) {
      throw new TemplateSyntaxError(`Cannot pick ${max} of ${options.length} variant${options.length === 1 ? '' : 's'}`, open + 1)
    }
    return { kind: 'choice', options, min, max, sep }
  }

  private matchingBrace(open: number): number {
    let depth = 0
    for (let j = open; j < this.src.length; j++) {
      const ch = this.src[j]
      if (ch === '\\') j++
      else if (ch === '{') depth++
      else if (ch === '}' && --depth === 0) return j
    }
    throw new TemplateSyntaxError('"{" is never closed', open)
  }

  private wildcard(name: string, at: number): Node {
    const entries = this.lists[name]
    if (!entries) throw new TemplateSyntaxError(`No list named "${name}"`, at)
    if (entries.length === 0) throw new TemplateSyntaxError(`The list "${name}" is empty`, at)
    if (this.stack.includes(name)) throw new TemplateSyntaxError(`The list "${name}" refers to itself`, at)
    if (this.stack.length >= MAX_LIST_DEPTH) throw new TemplateSyntaxError(`Lists nest more than ${MAX_LIST_DEPTH} deep`, at)
    const options = entries.map((entry) => {
      try {
        return new Parser(entry, this.lists, [...this.stack, name]).parseAll()
      } catch (err) {
        // An error inside a list entry is reported at the wildcard that pulled it in.
        if (err instanceof TemplateSyntaxError) throw new TemplateSyntaxError(`In list "${name}": ${err.message}`, at)
        throw err
      }
    })
    return { kind: 'choice', options, min: 1, max: 1, sep: DEFAULT_SEPARATOR }
  }
}

function parseNumberRange(inner: string): { values: string[] } | { error: string } | null {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)\s*(?:\(\+\s*(\d+(?:\.\d+)?)\s*\))?\s*$/.exec(inner)
  if (!m?.[1] || !m[2]) return null
  const from = Number(m[1])
  const to = Number(m[2])
  const step = m[3] === undefined ? 1 : Number(m[3])
  if (step <= 0) return { error: 'The step of a range must be more than 0' }
  if (to < from) return { error: `The range ${m[1]}-${m[2]} goes backwards` }
  const count = Math.floor((to - from) / step + 1e-9) + 1
  if (count > MAX_RANGE_VALUES) return { error: `The range ${m[1]}-${m[2]} has more than ${MAX_RANGE_VALUES} values` }
  const decimals = Math.max(decimalsOf(m[1]), decimalsOf(m[2]), m[3] ? decimalsOf(m[3]) : 0)
  return { values: Array.from({ length: count }, (_, k) => (from + k * step).toFixed(decimals)) }
}
const decimalsOf = (n: string) => (n.includes('.') ? n.length - n.indexOf('.') - 1 : 0)

// --- counting and expanding ---------------------------------------------------------------------

/** How many distinct prompts "all combinations" gives, without expanding them (may be huge). */
export function countCombinations(template: Template): number {
  return countSeq(template.body)
}

function countSeq(seq: Seq): number {
  return seq.reduce((n, node) => n * (node.kind === 'text' ? 1 : countChoice(node)), 1)
}

function countChoice(node: Extract<Node, { kind: 'choice' }>): number {
  // Choosing k of the options, each expanding its own way: the k-th elementary symmetric sum of the counts.
  const counts = node.options.map(countSeq)
  const e = [1, ...Array<number>(node.max).fill(0)]
  for (const c of counts) for (let k = node.max; k >= 1; k--) e[k] = (e[k] ?? 0) + (e[k - 1] ?? 0) * c
  let total = 0
  for (let k = node.min; k <= node.max; k++) total += e[k] ?? 0
  return total
}

/** Every prompt the template can make, in a stable order; refuses more than `limit`. */
export function expandAll(template: Template, limit = MAX_EXPANSION): string[] {
  const count = countCombinations(template)
  if (count > limit)
    throw new TemplateSyntaxError(
      `This template makes ${count.toLocaleString('en-US')} prompts; at most ${limit} can run at once — use random draws`,
      0,
    )
  return expandSeq(template.body).map(tidy)
}

function expandSeq(seq: Seq): string[] {
  let out = ['']
  for (const node of seq) {
    const parts = node.kind === 'text' ? [node.text] : expandChoice(node)
    out = out.flatMap((prefix) => parts.map((p) => prefix + p))
  }
  return out
}

function expandChoice(node: Extract<Node, { kind: 'choice' }>): string[] {
  const expanded = node.options.map(expandSeq)
  const out: string[] = []
  for (let k = node.min; k <= node.max; k++) {
    for (const combo of combinations(expanded.length, k)) {
      let acc: string[] | null = null
      for (const idx of combo) {
        const parts = expanded[idx] ?? []
        acc = acc === null ? parts : acc.flatMap((prefix) => parts.map((p) => prefix + node.sep + p))
      }
      if (acc) out.push(...acc)
    }
  }
  return out
}

function* combinations(n: number, k: number): Generator<number[]> {
  const idx = Array.from({ length: k }, (_, i) => i)
  if (k > n) return
  for (;;) {
    yield [...idx]
    let i = k - 1
    while (i >= 0 && idx[i] === n - k + i) i--
    if (i < 0) return
    idx[i] = (idx[i] ?? 0) + 1
    for (let j = i + 1; j < k; j++) idx[j] = (idx[j - 1] ?? 0) + 1
  }
}

/** `n` prompts drawn at random (deterministic for a seed); repeats are possible, as with dice. */
export function drawRandom(template: Template, n: number, seed: number): string[] {
  const rand = mulberry32(seed)
  return Array.from({ length: n }, () => tidy(drawSeq(template.body, rand)))
}

function drawSeq(seq: Seq, rand: () => number): string {
  return seq.map((node) => (node.kind === 'text' ? node.text : drawChoice(node, rand))).join('')
}

function drawChoice(node: Extract<Node, { kind: 'choice' }>, rand: () => number): string {
  const k = node.min + Math.floor(rand() * (node.max - node.min + 1))
  const pool = node.options.map((_, i) => i)
  const picked: number[] = []
  for (let j = 0; j < k; j++) picked.push(...pool.splice(Math.floor(rand() * pool.length), 1))
  return picked
    .sort((a, b) => a - b)
    .map((i) => drawSeq(node.options[i] ?? [], rand))
    .join(node.sep)
}

/** An empty variant leaves doubled spaces behind ("a {|big} fox" → "a  fox"); fold them. */
const tidy = (s: string) => s.replace(/ {2,}/g, ' ').trim()

export type Expansion = { ok: true; prompts: string[]; count: number } | { ok: false; error: TemplateError }

/** The one entry point for forms and the server: a template and a mode to the prompts it makes. */
export function expandTemplate(
  source: string,
  mode: { kind: 'all' } | { kind: 'random'; count: number; seed: number },
  lists: NamedLists = {},
  limit = MAX_EXPANSION,
): Expansion {
  const parsed = parseTemplate(source, lists)
  if (!parsed.ok) return parsed
  try {
    const prompts = mode.kind === 'all' ? expandAll(parsed.template, limit) : drawRandom(parsed.template, Math.min(mode.count, limit), mode.seed)
    return { ok: true, prompts, count: prompts.length }
  } catch (err) {
    if (err instanceof TemplateSyntaxError) return { ok: false, error: { message: err.message, position: err.position } }
    throw err
  }
}
