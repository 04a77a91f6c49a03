// The rows the stores read and write, the same for every database: plain values (times in epoch
// milliseconds, JSON parsed, booleans as booleans); each dialect's schema must read back exactly these
// shapes. The stores themselves: server/db/stores.ts.
import type { JobStatus } from '../../shared/job-states'

/**
 * Every parameter sent upstream (defaults filled in, seed resolved), as validated by shared/params.ts.
 * Stored as JSON and parsed by the store, the one place.
 */
export type JobParams = Record<string, unknown> & {
  prompt: string
  num_images?: number
  seed?: number
  negative_prompt?: string
  num_inference_steps?: number
  guidance_scale?: number
}

export type JobRow = {
  id: string
  model: string
  prompt: string
  /** The dynamic-prompt template of the batch the job came from, if any (docs/decisions/023). */
  promptTemplate: string | null
  params: JobParams
  seed: number | null
  /** shared/job-states.ts; changed only through JobStore.transition (or completeJob). */
  status: JobStatus
  upstreamStatus: string | null
  requestId: string | null
  queuePosition: number | null
  errorCode: string | null
  errorMessage: string | null
  errorAction: string | null
  /** Attempts made at the current step (submit, poll or download); reset when the step changes. */
  attempts: number
  /** When the next attempt is due, while waiting out a retry. */
  nextAttemptAt: number | null
  /** Why the job is retrying, in words for the user. */
  retryReason: string | null
  /** After this the job is marked timed out (it can be re-checked). */
  deadlineAt: number | null
  /** The job this one retries, when the user asked for a retry. */
  retryOf: string | null
  /** The comparison this job is a cell of, if any. */
  comparisonId: string | null
  /** Who asked for it: "local", "password" (any session) or "token 2" (for the spend page). */
  createdBy: string | null
  /** Unguessable per-job token carried in the webhook URL. */
  webhookToken: string | null
  createdAt: number
  /** Set when the user dismissed the finished job from the list; the row and its images stay. */
  dismissedAt: number | null
  submittedAt: number | null
  finishedAt: number | null
  updatedAt: number
  /** Place in Darkroom's own queue: waiting jobs are sent lowest first. The store sets `createdAt` when left out. */
  queueRank: number
  /** The instance working on the job while it is in a leased status (docs/decisions/025), and until when. */
  leaseOwner: string | null
  leaseUntil: number | null
}

/** Which instance works on a job, and until when (epoch ms) unless it renews. */
export type Lease = { owner: string; until: number }

type Optional<T, Required extends keyof T> = Pick<T, Required> & Partial<Omit<T, Required>>

export type NewJob = Optional<JobRow, 'id' | 'model' | 'prompt' | 'params' | 'status' | 'createdAt' | 'updatedAt'>
/** Everything but the status, which moves only through `transition`. */
export type JobPatch = Partial<Omit<JobRow, 'id' | 'createdAt' | 'status'>>

export type ImageRow = {
  id: string
  jobId: string
  index: number
  fileName: string
  thumbName: string
  mimeType: string
  width: number
  height: number
  bytes: number
  createdAt: number
  /** Copied from the job so every gallery filter is one indexed lookup on images. */
  model: string
  seed: number | null
  steps: number | null
  guidance: number | null
  favourite: boolean
  /** 1–5 stars, or null when unrated (docs/decisions/027). */
  rating: number | null
  /** Set by a delete that can still be undone; files go when the row is purged. */
  deletedAt: number | null
  /** A stable integer key, 1, 2, 3… in arrival order: the gallery's keyset. Assigned by the store. */
  seq: number | null
  /** The job's comparison, copied by the store when the row is inserted (docs/decisions/013). */
  comparisonId: string | null
}

export type NewImage = Optional<
  Omit<ImageRow, 'seq' | 'comparisonId'>,
  'id' | 'jobId' | 'index' | 'fileName' | 'thumbName' | 'mimeType' | 'width' | 'height' | 'bytes' | 'createdAt'
>

/** What the storage audit needs of an image row. */
export type ImageFiles = Pick<ImageRow, 'id' | 'jobId' | 'fileName' | 'thumbName' | 'seq' | 'deletedAt'>

export type ImageWithJob = { image: ImageRow; job: JobRow }

/** A saved comparison: its definition (spec JSON, seed resolved) and whether it was cancelled. */
export type ComparisonRow = {
  id: string
  title: string
  /** JSON of the comparison's definition (shared/compare.ts comparisonSpecSchema), seed included. */
  spec: string
  createdAt: number
  cancelledAt: number | null
  /** Who asked for it, as jobs.createdBy: its cells' spend is theirs. */
  createdBy: string | null
}
export type NewComparison = Optional<ComparisonRow, 'id' | 'title' | 'spec' | 'createdAt'>

/**
 * One row per grid cell. `jobId` is null until the cell's job is created; `pending` says the cell
 * still wants one (cancel clears it). A cell with `sameAs` repeats an earlier cell's request.
 */
export type ComparisonCellRow = {
  comparisonId: string
  index: number
  x: number
  y: number
  z: number
  model: string
  /** JSON of the parameters sent upstream. */
  params: string
  /** JSON array of compared parameters the cell's model lacks. */
  na: string
  sameAs: number | null
  jobId: string | null
  /** The job this cell's current job re-runs. */
  previousJobId: string | null
  /** Why the cell's request is outside its model's range: such a cell is never sent nor billed. */
  outOfRange: string | null
  pending: boolean
  /** When the cell was last put in line for a job: the day its reserved spend counts on. */
  requestedAt: number | null
}
export type NewCell = Optional<ComparisonCellRow, 'comparisonId' | 'index' | 'x' | 'y' | 'z' | 'model' | 'params' | 'na' | 'pending'>

export type CollectionRow = { id: string; name: string; createdAt: number }
export type CollectionSummary = CollectionRow & { imageCount: number }

export type PromptHistoryRow = { prompt: string; negativePrompt: string | null; model: string; uses: number; lastUsedAt: number }

/** Saved model + parameters (+ a prompt style) under a unique name. */
export type PresetRow = {
  id: string
  name: string
  model: string
  params: Record<string, unknown>
  prefix: string
  suffix: string
  createdAt: number
}
/** A named list for dynamic prompts (`__name__`). */
export type PromptListRow = { name: string; entries: string[]; updatedAt: number }

/** A browser session: only the SHA-256 of the cookie's token is stored. */
export type SessionRow = {
  tokenHash: string
  createdAt: number
  expiresAt: number
  /** Which APP_PASSWORD the session was opened with: "salt.scrypt(password, salt)". */
  passwordTag: string | null
}

/** Images billed (or reserved) on one UTC day (YYYY-MM-DD) for one model and person. */
export type SpendTotalRow = { day: string; model: string; person: string; images: number }

/** A gallery page's row: the image with its job's prompt and parameters. */
export type GalleryRow = {
  id: string
  jobId: string
  comparisonId: string | null
  index: number
  model: string
  prompt: string
  promptTemplate: string | null
  params: JobParams
  seed: number | null
  width: number
  height: number
  bytes: number
  mimeType: string
  createdAt: number
  favourite: boolean
  rating: number | null
  seq: number
}

export type Sort = 'newest' | 'oldest'

export type QueueStateRow = { paused: boolean; changedAt: number | null }
