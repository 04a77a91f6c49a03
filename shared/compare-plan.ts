// Turns a comparison's definition into its cells: the request each cell sends, what is n/a for its
// model, and which cells repeat another's request. The editor shows the result before anything
// runs, and the server refuses a comparison with the same function, so they cannot disagree.
import { estimateCostUsd, isModelId, MODEL_IDS, MODELS, type ModelId, type ParamSpec } from './catalogue'
import { AXIS_INFO, SHARED_PARAMS, modelHas, namedValue, type AxisParam, type AxisValue } from './compare-axes'
import { AXIS_KEYS, type Axis, type AxisKey, type ComparisonSpec, type Estimate } from './compare'
import { validateParams } from './params'

export type PlannedCell = {
  index: number
  x: number
  y: number
  z: number
  model: ModelId
  params: Record<string, unknown>
  na: string[]
  sameAs: number | null
  /** Why this cell's request is outside its model's range: it is shown, never sent nor billed. */
  outOfRange: string | null
}

export type Plan =
  | {
      ok: true
      cells: PlannedCell[]
      estimate: Estimate
      /** Per axis, what its out-of-range cells are, to show next to the axis that causes them. */
      outOfRange: Partial<Record<AxisKey, string>>
      /** Per axis, which values were clamped to a model's range (when the spec asks to clamp). */
      clamped: Partial<Record<AxisKey, string>>
    }
  | { ok: false; message: string; errors: string[]; fields: Record<string, string> }

const letter = (key: AxisKey) => key.toUpperCase()
const fail = (errors: string[], fields: Record<string, string>): Plan => ({
  ok: false,
  message: errors.length > 1 ? `${errors[0]} (and ${errors.length - 1} more)` : (errors[0] ?? 'Invalid comparison'),
  errors,
  fields,
})

/** The number of cells before anything else is checked, so a huge grid is refused cheaply. */
export const cellCount = (spec: Pick<ComparisonSpec, 'axes'>) => AXIS_KEYS.reduce((n, key) => n * (spec.axes[key]?.values.length ?? 1), 1)

function checkDefinition(spec: ComparisonSpec): string[] {
  const errors: string[] = []
  const axes = AXIS_KEYS.flatMap((key) => (spec.axes[key] ? [[key, spec.axes[key]] as const] : []))
  const params = axes.map(([, a]) => a.param)
  for (const [key, axis] of axes) {
    if (params.indexOf(axis.param) !== params.lastIndexOf(axis.param)) {
      errors.push(`${letter(key)}: ${AXIS_INFO[axis.param].label} is on more than one axis`)
    }
  }
  if (params.includes('prompt') && params.includes('prompt_sr')) errors.push('Prompt and Prompt S/R cannot both be axes')
  for (const name of Object.keys(spec.params)) {
    if (name === 'prompt') continue
    if (name === 'seed') errors.push('Seed: set the shared seed with "seed", or make seed an axis')
    else if (!(SHARED_PARAMS as readonly string[]).includes(name)) errors.push(`"${name}" cannot be a shared parameter`)
  }
  const prompt = spec.params.prompt
  if (prompt !== undefined && typeof prompt !== 'string') errors.push('Prompt must be text')
  else if (!params.includes('prompt') && String(prompt ?? '').trim() === '') errors.push('Prompt is required')
  for (const [key, axis] of axes) {
    if (axis.param !== 'model') continue
    const bad = axis.values.find((v) => !isModelId(v))
    if (bad !== undefined) errors.push(`${letter(key)}: "${String(bad)}" is not a model (${MODEL_IDS.join(', ')})`)
  }
  const sr = axes.find(([, a]) => a.param === 'prompt_sr')?.[1]
  if (sr) {
    const search = String(sr.values[0] ?? '')
    if (search === '' || !String(prompt ?? '').includes(search)) {
      errors.push(`Prompt S/R: the prompt does not contain "${search}" (the first value is what gets replaced)`)
    }
  }
  return errors
}

function applyAxis(cell: { model: ModelId; request: Record<string, unknown>; na: Set<string> }, axis: Axis, value: AxisValue, basePrompt: string) {
  const param: AxisParam = axis.param
  if (param === 'model') return
  if (param === 'prompt_sr') {
    cell.request.prompt = basePrompt.replaceAll(String(axis.values[0]), String(value))
  } else if (modelHas(cell.model, param)) {
    cell.request[param] = value
  } else {
    cell.na.add(param)
  }
}

/** Builds and checks every cell. `maxImages` is the hard cap on the cells of one comparison. */
export function planComparison(spec: ComparisonSpec & { seed: number }, limits: { maxImages: number }): Plan {
  const count = cellCount(spec)
  if (count > limits.maxImages) {
    const message = `This comparison has ${count.toLocaleString('en-US')} cells; the limit is ${limits.maxImages} images per comparison. Remove values or an axis.`
    return fail([message], { axes: message })
  }
  const definitionErrors = checkDefinition(spec)
  if (definitionErrors.length) return fail(definitionErrors, { axes: definitionErrors[0]! })

  const { x, y, z } = spec.axes
  const [nx, ny, nz] = [x, y, z].map((a) => a?.values.length ?? 1) as [number, number, number]
  const basePrompt = typeof spec.params.prompt === 'string' ? spec.params.prompt : ''
  const seedIsAxis = [x, y, z].some((a) => a?.param === 'seed')
  const cells: PlannedCell[] = []
  const errors: string[] = []
  const fields: Record<string, string> = {}
  const skipped = new Map<AxisKey, string[]>()
  const clamped = new Map<AxisKey, string[]>()
  const rawReason = new Map<number, string>()
  const firstWith = new Map<string, number>()
  const cellName = (c: PlannedCell) =>
    (
      [
        ['x', x, c.x],
        ['y', y, c.y],
        ['z', z, c.z],
      ] as const
    )
      .flatMap(([key, axis, i]) => (axis ? [`${letter(key)}: ${namedValue(axis.param, axis.values[i]!)}`] : []))
      .join(', ')

  for (let iz = 0; iz < nz; iz++)
    for (let iy = 0; iy < ny; iy++)
      for (let ix = 0; ix < nx; ix++) {
        const picked = (
          [
            ['x', x, ix],
            ['y', y, iy],
            ['z', z, iz],
          ] as const
        ).flatMap(([key, axis, i]) => (axis ? [{ key, axis, value: axis.values[i]! }] : []))
        const modelPick = picked.find((p) => p.axis.param === 'model')?.value
        const model = (modelPick as ModelId | undefined) ?? spec.model
        const cell = { model, request: {} as Record<string, unknown>, na: new Set<string>() }
        for (const [name, value] of Object.entries(spec.params)) {
          if (modelHas(model, name)) cell.request[name] = value
          else cell.na.add(name)
        }
        for (const p of picked) applyAxis(cell, p.axis, p.value, basePrompt)
        if (!seedIsAxis && modelHas(model, 'seed')) cell.request.seed = spec.seed
        if (modelHas(model, 'num_images')) cell.request.num_images = 1

        const index = (iz * ny + iy) * nx + ix
        const name = picked.map((p) => `${letter(p.key)}: ${namedValue(p.axis.param, p.value)}`).join(', ')
        let checked = validateParams(model, cell.request)
        if (!checked.ok && spec.outOfRange === 'clamp') {
          const fixes = clampToRange(model, cell.request, Object.keys(checked.errors), picked)
          const retried = fixes && validateParams(model, { ...cell.request, ...fixes.params })
          if (fixes && retried?.ok) {
            checked = retried
            for (const fix of fixes.notes) clamped.set(fix.axis, [...(clamped.get(fix.axis) ?? []), `${MODELS[model].displayName}: ${fix.text}`])
          }
        }
        if (!checked.ok) {
          const bad = Object.entries(checked.errors).map(([field, message]) => ({ message, axis: axisOf(picked, field) }))
          if (bad.every((b) => b.axis)) {
            // Only the axes' values are wrong for this model (steps 30 where it stops at 20): the
            // cell is skipped and the rest of the grid still runs.
            rawReason.set(index, bad.map((b) => b.message).join('; '))
            const why = `${MODELS[model].displayName}: ${rawReason.get(index)}`
            for (const b of bad) skipped.set(b.axis!, [...(skipped.get(b.axis!) ?? []), why])
            cells.push({ index, x: ix, y: iy, z: iz, model, params: cell.request, na: [...cell.na], sameAs: null, outOfRange: why })
            continue
          }
          for (const b of bad) {
            const error = name ? `cell (${name}): ${b.message}` : b.message
            errors.push(error)
            fields[b.axis ?? 'cells'] ??= error
          }
          continue
        }
        const key = `${model}\n${JSON.stringify(Object.entries(checked.params).sort(([a], [b]) => a.localeCompare(b)))}`
        const sameAs = firstWith.get(key) ?? null
        if (sameAs === null) firstWith.set(key, index)
        cells.push({ index, x: ix, y: iy, z: iz, model, params: checked.params, na: [...cell.na], sameAs, outOfRange: null })
      }

  if (errors.length) return fail(errors, fields)
  const outOfRange: Partial<Record<AxisKey, string>> = {}
  for (const [key, reasons] of skipped) {
    const unique = [...new Set(reasons)]
    outOfRange[key] =
      `${reasons.length} cell${reasons.length === 1 ? ' is' : 's are'} out of range for the model and will not be sent: ${unique.join(' · ')}`
  }
  const clampedNotes = Object.fromEntries(
    [...clamped].map(([key, notes]) => [
      key,
      `${notes.length} cell${notes.length === 1 ? ' is' : 's are'} clamped to the model's range: ${[...new Set(notes)].join(' · ')}`,
    ]),
  )
  if (cells.every((c) => c.outOfRange !== null)) {
    const reasons = cells.map((c) => {
      const name = cellName(c)
      return name ? `cell (${name}): ${rawReason.get(c.index)}` : rawReason.get(c.index)!
    })
    const byAxis = Object.fromEntries(
      Object.entries(outOfRange).map(([key, text]) => [key, `Nothing would run: every cell is out of range. ${text}`]),
    )
    return fail(reasons, byAxis)
  }
  return { ok: true, cells, estimate: estimate(cells), outOfRange, clamped: clampedNotes }
}

/**
 * The nearest allowed value for each numeric field an axis set out of its model's range, or null
 * when a field cannot be clamped (an unknown size, a value that is not a number, a field no axis set).
 */
function clampToRange(model: ModelId, request: Record<string, unknown>, fields: string[], picked: { key: AxisKey; axis: Axis }[]) {
  const params: Record<string, number> = {}
  const notes: { axis: AxisKey; text: string }[] = []
  for (const field of fields) {
    const spec = (MODELS[model].params as Record<string, ParamSpec | undefined>)[field]
    const axis = picked.find((p) => p.axis.param === field)?.key
    const value = request[field]
    if (!axis || !spec || (spec.kind !== 'int' && spec.kind !== 'float') || typeof value !== 'number') return null
    const near = Math.min(spec.max, Math.max(spec.min, spec.kind === 'int' ? Math.round(value) : value))
    params[field] = near
    notes.push({ axis, text: `${spec.label} ${value} → ${near}` })
  }
  return { params, notes }
}

/** What a cell sends in place of its axis values, when the comparison clamped them ("Steps 30 → 20"). */
export function clampedValues(spec: Pick<ComparisonSpec, 'axes'>, cell: { x: number; y: number; z: number; params: Record<string, unknown> }) {
  return AXIS_KEYS.flatMap((key) => {
    const axis = spec.axes[key]
    const value = axis?.values[cell[key]]
    const sent = axis ? cell.params[axis.param] : undefined
    return axis && typeof value === 'number' && typeof sent === 'number' && sent !== value
      ? [`${AXIS_INFO[axis.param].label} ${value} → ${sent}`]
      : []
  })
}

/** The axis (if any) that set `field` in a cell: a prompt S/R axis sets the prompt. */
function axisOf(picked: { key: AxisKey; axis: Axis }[], field: string): AxisKey | undefined {
  return picked.find((p) => p.axis.param === field || (p.axis.param === 'prompt_sr' && field === 'prompt'))?.key
}

/**
 * One image per request; repeated cells cost nothing extra, out-of-range cells nothing at all;
 * unknown prices are counted, not guessed.
 */
export function estimate(cells: (Pick<PlannedCell, 'model' | 'sameAs'> & { outOfRange?: string | null })[]): Estimate {
  let knownUsd = 0
  let unknownImages = 0
  let images = 0
  for (const cell of cells) {
    if (cell.sameAs !== null || cell.outOfRange) continue
    images++
    const cost = estimateCostUsd(cell.model, 1)
    if (cost === null) unknownImages++
    else knownUsd += cost
  }
  return { images, knownUsd: Math.round(knownUsd * 1e6) / 1e6, unknownImages }
}

/** Picks the shared seed once for the whole comparison when the user left it random. */
export function withSharedSeed<T extends ComparisonSpec>(spec: T, pick: () => number): T & { seed: number } {
  return { ...spec, seed: spec.seed ?? pick() }
}

/** "Model × Steps · a lighthouse at dusk", for comparisons saved without a title. */
export function autoTitle(spec: Pick<ComparisonSpec, 'axes' | 'params'>): string {
  const axes = AXIS_KEYS.flatMap((k) => (spec.axes[k] ? [AXIS_INFO[spec.axes[k].param].label] : []))
  const prompt = typeof spec.params.prompt === 'string' ? spec.params.prompt.trim() : ''
  const short = prompt.length > 60 ? `${prompt.slice(0, 59).trimEnd()}…` : prompt
  return [axes.join(' × ') || 'Comparison', short].filter(Boolean).join(' · ')
}
