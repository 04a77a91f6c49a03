// A comparison cell's states and the questions asked of them. Free of zod, so the playground (which
// follows comparisons in the job list) loads them up front; the schemas are in compare.ts.
import type { Comparison } from './compare'
import { isActive, JOB_STATUSES, UNSUCCESSFUL_STATUSES, type JobStatus } from './job-states'

/**
 * A cell is `pending` until its job is created, then takes its job's states; an `out_of_range`
 * cell asks its model for something it does not allow and never gets a job.
 */
export const CELL_STATES = ['pending', 'out_of_range', ...JOB_STATUSES] as const
export type CellState = (typeof CELL_STATES)[number]
export const isCellActive = (state: CellState) => state === 'pending' || isActive(state as JobStatus)
export const RERUNNABLE: readonly CellState[] = UNSUCCESSFUL_STATUSES

export const anyCellActive = (c: Comparison | undefined) => c?.cells.some((cell) => isCellActive(cell.state)) ?? false
