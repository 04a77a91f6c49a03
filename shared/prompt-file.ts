// A batch from a file of prompts, in one of three shapes:
//   lines   one prompt per line (blank lines and lines starting with # are skipped)
//   csv     a header row naming parameters (prompt required), then one row per job; "quoted, fields"
//   jsonl   one JSON object per line: { "prompt": "…", "num_inference_steps": 8, … }
// Each row is the form's parameters with the row's own on top, checked against the model like any
// submit. Errors name the line, the field and the limit; one bad row refuses the whole file.
import { MAX_EXPANSION } from './dynamic-prompts'
import { MODELS, PARAM_NAMES, type ModelId, type ParamSpec } from './catalogue'
import { validateParams } from './params'

export const FILE_FORMATS = ['lines', 'csv', 'jsonl'] as const
export type FileFormat = (typeof FILE_FORMATS)[number]
/** The most characters a file may have (1,000 rows of long prompts). */
export const MAX_FILE_CHARS = 1_000_000

export type LineError = { line: number; field: string; message: string }
export type ParsedFile = { ok: true; rows: Record<string, unknown>[] } | { ok: false; errors: LineError[] }

/** The shape a file most likely has: JSON objects, a header with a prompt column, or plain lines. */
export function detectFormat(text: string): FileFormat {
  const first =
    text
      .split(/\r?\n/)
      .find((l) => l.trim() && !l.trim().startsWith('#'))
      ?.trim() ?? ''
  if (first.startsWith('{')) return 'jsonl'
  if (/^"?prompt"?\s*,/i.test(first) || /,\s*"?prompt"?\s*(,|$)/i.test(first)) return 'csv'
  return 'lines'
}

/** One CSV record on one line: commas split fields, "double quotes" hold commas, "" is a quote. */
function csvFields(line: string): string[] | null {
  const out: string[] = []
  let i = 0
  for (;;) {
    let field = ''
    if (line[i] === '"') {
      i++
      for (;;) {
        if (i >= line.length) return null
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i++
          break
        }
        field += line[i++]
      }
      while (line[i] === ' ') i++
      if (i < line.length && line[i] !== ',') return null
    } else {
      const end = line.indexOf(',', i)
      field = (end === -1 ? line.slice(i) : line.slice(i, end)).trim()
      i = end === -1 ? line.length : end
    }
    out.push(field)
    if (i >= line.length) return out
    i++ // the comma
  }
}

/** A CSV cell as the parameter's type: numbers, true/false, sizes as a preset or WIDTHxHEIGHT. */
function cellValue(spec: ParamSpec, text: string): unknown {
  switch (spec.kind) {
    case 'int':
    case 'float':
    case 'seed':
      return text === '' ? undefined : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text
    case 'bool':
      return text === '' ? undefined : /^(true|yes|1)$/i.test(text) ? true : /^(false|no|0)$/i.test(text) ? false : text
    case 'size': {
      const wh = /^(\d+)\s*x\s*(\d+)$/i.exec(text)
      return text === '' ? undefined : wh ? { width: Number(wh[1]), height: Number(wh[2]) } : text
    }
    case 'text':
      // An empty prompt cell is an empty prompt ("is required"), not the form's prompt.
      return text
    default:
      return text === '' ? undefined : text
  }
}

/** The file's rows as parameters for `model`, each checked on top of `base` (the form's settings). */
export function parsePromptFile(text: string, format: FileFormat, model: ModelId, base: Record<string, unknown> = {}): ParsedFile {
  const errors: LineError[] = []
  const rows: { line: number; params: Record<string, unknown> }[] = []
  if (text.length > MAX_FILE_CHARS)
    return {
      ok: false,
      errors: [{ line: 0, field: 'file', message: `The file must be at most ${MAX_FILE_CHARS.toLocaleString('en-US')} characters` }],
    }
  const lines = text.split(/\r?\n/)
  const specs = MODELS[model].params
  let header: string[] | null = null

  lines.forEach((raw, i) => {
    const line = i + 1
    const trimmed = raw.trim()
    if (!trimmed || (format !== 'jsonl' && trimmed.startsWith('#'))) return
    if (format === 'lines') return rows.push({ line, params: { prompt: trimmed } })
    if (format === 'jsonl') {
      let value: unknown
      try {
        value = JSON.parse(trimmed)
      } catch {
        return errors.push({ line, field: 'line', message: 'is not valid JSON' })
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return errors.push({ line, field: 'line', message: 'must be a JSON object like {"prompt": "…"}' })
      return rows.push({ line, params: value as Record<string, unknown> })
    }
    const fields = csvFields(raw)
    if (!fields) return errors.push({ line, field: 'line', message: 'has a quote that is not closed' })
    if (!header) {
      header = fields.map((f) => f.toLowerCase())
      const unknown = header.filter((h) => !(PARAM_NAMES as readonly string[]).includes(h) || !specs[h as keyof typeof specs])
      for (const h of unknown) errors.push({ line, field: h || '(empty)', message: `is not a parameter of ${MODELS[model].displayName}` })
      if (!header.includes('prompt')) errors.push({ line, field: 'prompt', message: 'the header must have a prompt column' })
      return
    }
    if (fields.length !== header.length)
      return errors.push({ line, field: 'line', message: `has ${fields.length} fields; the header has ${header.length}` })
    const params: Record<string, unknown> = {}
    header.forEach((name, k) => {
      const spec = specs[name as keyof typeof specs]
      const value = spec ? cellValue(spec, fields[k] ?? '') : undefined
      if (value !== undefined) params[name] = value
    })
    rows.push({ line, params })
  })

  if (errors.length) return { ok: false, errors }
  if (rows.length === 0) return { ok: false, errors: [{ line: 0, field: 'file', message: 'has no prompts' }] }
  if (rows.length > MAX_EXPANSION)
    return { ok: false, errors: [{ line: 0, field: 'file', message: `has ${rows.length} rows; at most ${MAX_EXPANSION} can run at once` }] }
  const checked: Record<string, unknown>[] = []
  for (const row of rows) {
    const result = validateParams(model, { ...base, ...row.params })
    if (result.ok) checked.push(result.params)
    else for (const [field, message] of Object.entries(result.errors)) errors.push({ line: row.line, field, message })
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows: checked }
}

/** "Line 3, num_inference_steps: Steps must be between 1 and 8" — how each error reads. */
export const formatLineError = (e: LineError) => (e.line === 0 ? `The file ${e.message}` : `Line ${e.line}, ${e.field}: ${e.message}`)
