// The value syntax of a comparison axis, after AUTOMATIC1111's X/Y/Z plot:
//   4, 8, 12        a list
//   4-12 (+4)       a range with a step (4, 8, 12); 12-4 (-4) counts down; 4-12 alone steps by 1
//   1-20 [5]        five evenly spaced values from 1 to 20 (rounded for whole-number parameters)
// Items can be mixed: `1, 4-8 (+2), 20`. Every mistake is reported with the item that caused it.

/** A range that expands to more values than this is refused before anything is built from it. */
export const MAX_RANGE_VALUES = 1000

export type ParsedValues<T> = { ok: true; values: T[] } | { ok: false; error: string }

const NUM = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)`
const RANGE = new RegExp(String.raw`^(${NUM})\s*-\s*(${NUM})\s*(?:\(\s*(${NUM})\s*\)|\[\s*(\d+)\s*\])?$`)
const SINGLE = new RegExp(`^${NUM}$`)
const SYNTAX_HINT = 'write a list like 4, 8, 12 or a range like 4-12 (+4) or 1-20 [5]'

/** Rounds away float noise (0.1 + 0.2) without hiding real decimals. */
const tidy = (n: number) => Math.round(n * 1e6) / 1e6

function expandRange(item: string, match: RegExpExecArray, integer: boolean): ParsedValues<number> {
  const start = Number(match[1])
  const end = Number(match[2])
  const [, , , stepText, countText] = match
  if (countText !== undefined) {
    const count = Number(countText)
    if (count < 2) return { ok: false, error: `"${item}": [${count}] must ask for at least 2 values` }
    if (count > MAX_RANGE_VALUES) return { ok: false, error: `"${item}" makes ${count} values; at most ${MAX_RANGE_VALUES}` }
    const values = Array.from({ length: count }, (_, i) => start + ((end - start) * i) / (count - 1))
    return { ok: true, values: values.map((v) => (integer ? Math.round(v) : tidy(v))) }
  }
  const step = Math.abs(stepText === undefined ? 1 : Number(stepText))
  if (step === 0) return { ok: false, error: `"${item}": the step must not be 0` }
  const direction = end >= start ? 1 : -1
  if (stepText !== undefined && /^\s*[+-]/.test(stepText) && Math.sign(Number(stepText)) !== direction && start !== end) {
    return { ok: false, error: `"${item}": a step of ${stepText.trim()} never gets from ${start} to ${end}` }
  }
  const span = Math.abs(end - start)
  const count = Math.floor(tidy(span / step)) + 1
  if (count > MAX_RANGE_VALUES) return { ok: false, error: `"${item}" makes ${count.toLocaleString('en-US')} values; at most ${MAX_RANGE_VALUES}` }
  return { ok: true, values: Array.from({ length: count }, (_, i) => tidy(start + direction * step * i)) }
}

/**
 * Parses a list of numbers and ranges. `integer` rounds the values a [count] range spreads out;
 * typed decimals are kept, so the model's own check can name them ("Steps must be a whole number").
 */
export function parseNumberList(text: string, { integer = false } = {}): ParsedValues<number> {
  const items = text.split(',').map((s) => s.trim())
  if (items.every((s) => s === '')) return { ok: false, error: `No values: ${SYNTAX_HINT}` }
  const values: number[] = []
  for (const item of items) {
    if (item === '') return { ok: false, error: `An empty item between commas: ${SYNTAX_HINT}` }
    if (SINGLE.test(item)) {
      values.push(Number(item))
      continue
    }
    const match = RANGE.exec(item)
    if (!match) return { ok: false, error: `"${item}" is not a number or a range: ${SYNTAX_HINT}` }
    const expanded = expandRange(item, match, integer)
    if (!expanded.ok) return expanded
    values.push(...expanded.values)
    if (values.length > MAX_RANGE_VALUES) return { ok: false, error: `More than ${MAX_RANGE_VALUES} values` }
  }
  return { ok: true, values }
}

/**
 * Splits a list of words or phrases on commas; "double quotes" keep a comma inside one value,
 * and "" is an empty value. Used for prompt search/replace and picked choices.
 */
export function parseWordList(text: string): ParsedValues<string> {
  const values: string[] = []
  let current = ''
  let quoted = false
  let wasQuoted = false
  const push = () => {
    const value = wasQuoted ? current : current.trim()
    if (value === '' && !wasQuoted) return false
    values.push(value)
    current = ''
    wasQuoted = false
    return true
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch !== '"') current += ch
      else if (text[i + 1] === '"') {
        current += '"'
        i++
      } else quoted = false
    } else if (ch === '"' && current.trim() === '') {
      quoted = true
      wasQuoted = true
      current = ''
    } else if (ch === ',') {
      if (!push()) return { ok: false, error: `Value ${values.length + 1} is empty: write "" for an empty value` }
    } else if (!wasQuoted) current += ch
    else if (ch.trim() !== '') return { ok: false, error: `Text after a closing quote: "${text.slice(i, i + 20)}"` }
  }
  if (quoted) return { ok: false, error: 'A quote is not closed' }
  if (!push() && values.length === 0) return { ok: false, error: 'No values: separate them with commas' }
  if (/,\s*$/.test(text)) return { ok: false, error: `Value ${values.length + 1} is empty: write "" for an empty value` }
  return { ok: true, values }
}

/** One value per line, for whole prompts (which contain commas); a line holding only "" is empty. */
export function parseLineList(text: string): ParsedValues<string> {
  const values = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => (line === '""' ? '' : line))
  if (values.length === 0) return { ok: false, error: 'No values: write one per line' }
  return { ok: true, values }
}
