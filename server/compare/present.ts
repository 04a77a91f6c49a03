// Turns comparison rows into the API's shapes (shared/compare.ts). A repeated cell shows the job
// of the cell it repeats; a cell without a job is pending, or cancelled when it will never get one.
import { ACTIVE_STATUSES, TROUBLE_STATUSES, type JobStatus } from '../../shared/job-states'
import type { ModelId } from '../../shared/catalogue'
import { comparisonSpecSchema, type CellState, type Comparison, type ComparisonCell, type ComparisonSummary } from '../../shared/compare'
import { estimate } from '../../shared/compare-plan'
import type { ComparisonCellRow, ComparisonRow, ImageRow, JobRow } from '../db/stores'
import { presentImage } from '../jobs/present'

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

export type Lookup = { jobs: Map<string, JobRow>; images: Map<string, ImageRow[]> }

export function lookupFrom(jobRows: JobRow[], imageRows: ImageRow[]): Lookup {
  const images = new Map<string, ImageRow[]>()
  for (const row of imageRows) images.set(row.jobId, [...(images.get(row.jobId) ?? []), row])
  return { jobs: new Map(jobRows.map((j) => [j.id, j])), images }
}

function presentCell(row: ComparisonCellRow, primary: ComparisonCellRow, lookup: Lookup): ComparisonCell {
  const job = primary.jobId ? lookup.jobs.get(primary.jobId) : undefined
  const state: CellState = row.outOfRange ? 'out_of_range' : job ? (job.status as JobStatus) : primary.pending ? 'pending' : 'cancelled'
  const image = job ? lookup.images.get(job.id)?.[0] : undefined
  return {
    index: row.index,
    x: row.x,
    y: row.y,
    z: row.z,
    model: row.model as ModelId,
    params: JSON.parse(row.params),
    na: JSON.parse(row.na),
    sameAs: row.sameAs,
    outOfRange: row.outOfRange,
    state,
    jobId: job?.id ?? null,
    error: job?.errorCode && job.errorMessage ? { code: job.errorCode, message: job.errorMessage, action: job.errorAction ?? '' } : null,
    startedAt: iso(job?.createdAt ?? null),
    finishedAt: iso(job?.finishedAt ?? null),
    image: job && image ? presentImage(image, job) : null,
  }
}

export function presentComparison(row: ComparisonRow, cellRows: ComparisonCellRow[], lookup: Lookup): Comparison {
  const byIndex = new Map(cellRows.map((c) => [c.index, c]))
  const cells = cellRows.map((c) => presentCell(c, (c.sameAs !== null && byIndex.get(c.sameAs)) || c, lookup))
  return {
    id: row.id,
    spec: comparisonSpecSchema.required({ seed: true }).parse(JSON.parse(row.spec)),
    createdAt: new Date(row.createdAt).toISOString(),
    cancelledAt: iso(row.cancelledAt),
    estimate: estimate(cells),
    cells,
  }
}

export function summarize(c: Comparison): ComparisonSummary {
  const count = (states: CellState[]) => c.cells.filter((cell) => states.includes(cell.state)).length
  return {
    id: c.id,
    title: c.spec.title,
    createdAt: c.createdAt,
    cancelledAt: c.cancelledAt,
    cells: c.cells.length,
    completed: count(['completed']),
    failed: count([...TROUBLE_STATUSES]),
    active: count(['pending', ...ACTIVE_STATUSES]),
    covers: c.cells.flatMap((cell) => (cell.image && cell.sameAs === null ? [cell.image.thumbUrl] : [])).slice(0, 4),
  }
}
