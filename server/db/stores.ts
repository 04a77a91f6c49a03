// The data layer's contract, the same for every database: one store per area, each method async, and
// `Data` bundling them with transactions. The rows they read and write: server/db/rows.ts.
// Implementations: server/db/sqlite/ and server/db/postgres/. Proven alike by test/server/db/contract/.
import type { GalleryTotal } from '../../shared/gallery-api'
import type { GalleryFilter } from '../../shared/gallery-query'
import type { JobStatus } from '../../shared/job-states'
import type { LimitStore } from '../limits/store'
import type {
  CollectionRow,
  CollectionSummary,
  ComparisonCellRow,
  ComparisonRow,
  GalleryRow,
  ImageFiles,
  ImageRow,
  ImageWithJob,
  JobPatch,
  JobRow,
  Lease,
  NewCell,
  NewComparison,
  NewImage,
  NewJob,
  PresetRow,
  PromptHistoryRow,
  PromptListRow,
  QueueStateRow,
  SessionRow,
  Sort,
  SpendTotalRow,
} from './rows'

// Callers take rows and stores from one place.
export type * from './rows'

/** Jobs and the images they made. */
export interface JobStore {
  insertJob(job: NewJob): Promise<void>
  /** Bookkeeping that keeps the job's status (attempts, queue position, the webhook token). */
  updateJob(id: string, patch: JobPatch): Promise<void>
  /**
   * The one way a job's status changes: a compare-and-set from one of `from` to `to`, with `patch`
   * written alongside. False when something else moved the job first; rejects (IllegalTransitionError),
   * writing nothing, when shared/job-states.ts does not allow the move. `to` may be in `from`.
   */
  transition(id: string, from: JobStatus | readonly JobStatus[], to: JobStatus, patch?: JobPatch): Promise<boolean>
  /**
   * Moves waiting jobs whose retry (if any) is due, in queue order, to `submitting` while fewer than
   * `maxInFlight` jobs are in flight (shared IN_FLIGHT_STATUSES), in one step no other claim can
   * interleave with; resolves to the jobs claimed (as now stored), each holding `lease` (without one,
   * no lease: tests of the claim alone). Claims nothing while the queue is paused.
   */
  claimDue(now: number, maxInFlight: number, lease?: Lease): Promise<JobRow[]>
  /**
   * Extends `owner`'s leases on these jobs to `until`, in one write; resolves to the ids it still held
   * (a job it lost to another instance, or that left the leased statuses, is not among them).
   */
  renewLeases(owner: string, ids: readonly string[], until: number): Promise<string[]>
  /**
   * Takes the lease on a job in a leased status if nobody holds it, it ran out before `now`, or it is
   * already `lease.owner`'s: a compare-and-set, false when a live lease of another instance stands.
   */
  takeLease(id: string, lease: Lease, now: number): Promise<boolean>
  /** Takes every job in a leased status whose lease is missing or ran out before `now`; resolves to them as now stored. */
  takeExpiredLeases(lease: Lease, now: number): Promise<JobRow[]>
  countWithStatus(statuses: readonly JobStatus[]): Promise<number>
  /** Waiting jobs whose retry, if any, is due, in queue order. */
  dueWaiting(now: number, limit: number): Promise<JobRow[]>
  /** When the next waiting job's retry falls due, if one is waiting for a time after `now`. */
  nextWaitingRetryAt(now: number): Promise<number | null>
  /** Ids of waiting jobs in the order they will be sent. */
  waitingOrder(): Promise<string[]>
  // Darkroom's own queue (docs/decisions/028): the order and the pause are shared by every instance.
  /** Waiting jobs in the order they will be sent. */
  listWaiting(): Promise<JobRow[]>
  /** Whether the queue is paused (never paused: false, changedAt null). */
  queueState(): Promise<QueueStateRow>
  /** Pauses or resumes the queue: while paused, claimDue claims nothing. */
  setQueuePaused(paused: boolean, at: number): Promise<QueueStateRow>
  /**
   * Moves a waiting job to `position` (1 = sent next; past the end = last) among the waiting jobs, in
   * one transaction. False, changing nothing, when the job is not waiting (sent, cancelled, or unknown).
   */
  moveWaiting(id: string, position: number): Promise<boolean>
  /** Cancels every waiting job in one transaction (a compare-and-set on each); resolves to their ids. */
  cancelWaiting(at: number): Promise<string[]>
  getJob(id: string): Promise<JobRow | undefined>
  /** The newest jobs the user has not dismissed. */
  listJobs(limit: number): Promise<JobRow[]>
  /** Hides a finished job from the list; false when it is still running (or does not exist). */
  dismissJob(id: string, at: number): Promise<boolean>
  jobsWithStatus(statuses: readonly JobStatus[]): Promise<JobRow[]>
  /** Jobs parked in `status` with a retry due at some time: soonest first. */
  retriesDue(status: JobStatus): Promise<JobRow[]>
  /** The jobs' images, by index. */
  imagesOfJobs(jobIds: readonly string[]): Promise<ImageRow[]>
  /**
   * Stores a job's images and moves it from downloading to completed atomically: both or neither.
   * False (nothing stored) when the job was no longer downloading. A re-download of an image
   * (same job and index) rewrites its row but keeps its seq.
   */
  completeJob(id: string, rows: NewImage[], patch: JobPatch): Promise<boolean>
  getImage(id: string): Promise<ImageWithJob | undefined>
  /** These images (those that exist) with their jobs, in no particular order. */
  imagesWithJobs(ids: readonly string[]): Promise<ImageWithJob[]>
  /** Image rows with seq > `afterSeq`, by seq, at most `limit`: the storage audit's pages. */
  imageFilesAfter(afterSeq: number, limit: number): Promise<ImageFiles[]>
  /** The image rows among `ids` (any order). */
  imageFilesByIds(ids: readonly string[]): Promise<ImageFiles[]>
  deleteImage(id: string): Promise<void>
}

/** Comparisons and their cells; jobs and images are only read here. */
export interface CompareStore {
  /** The comparison and all its cells, together or not at all. */
  insert(row: NewComparison, cells: NewCell[]): Promise<void>
  get(id: string): Promise<ComparisonRow | undefined>
  /** Newest first. */
  list(limit: number): Promise<ComparisonRow[]>
  /** The cells of these comparisons, by index. */
  cells(comparisonIds: readonly string[]): Promise<ComparisonCellRow[]>
  jobs(ids: readonly string[]): Promise<JobRow[]>
  /** Comparisons with cells whose job is still to be created (cancelled ones have none). */
  pendingComparisonIds(): Promise<string[]>
  /** Cells still wanting a job, by index, at most `limit`. */
  nextPending(comparisonId: string, limit: number): Promise<ComparisonCellRow[]>
  /** The comparison's jobs not yet finished (shared ACTIVE_STATUSES), waiting ones included. */
  activeJobCount(comparisonId: string): Promise<number>
  /**
   * A compare-and-set: the cell stops wanting a job if it still wanted one (pending, no job). True
   * for the one caller that took it; the caller then creates its job (in the same transaction).
   */
  takePending(comparisonId: string, index: number): Promise<boolean>
  attachJob(comparisonId: string, index: number, jobId: string): Promise<void>
  /** Stops creating jobs for the comparison's cells that have none yet, and marks it cancelled. */
  cancel(comparisonId: string, at: number): Promise<void>
  /** Puts cells back in line for a new job, remembering the job each re-runs; they reserve spend from `at`. */
  requeue(comparisonId: string, cells: readonly Pick<ComparisonCellRow, 'index' | 'jobId'>[], at: number): Promise<void>
  /** The cell wants no job (any more): its reserved spend is released. */
  dropPending(comparisonId: string, index: number): Promise<void>
}

/** Favourites, soft deletes with undo, collections and prompt history. Counts are rows changed. */
export interface GalleryStore {
  /** Live images only. */
  setFavourite(ids: readonly string[], favourite: boolean): Promise<number>
  /** Sets (or with null clears) the rating of live images. */
  setRating(ids: readonly string[], rating: number | null): Promise<number>
  /** Adds the tags (already normalised) to the live images among `ids`; tags an image has are kept once. */
  addTags(ids: readonly string[], tags: readonly string[]): Promise<number>
  removeTags(ids: readonly string[], tags: readonly string[]): Promise<number>
  /** The tags of these images, by image then tag. */
  tagsOf(ids: readonly string[]): Promise<{ imageId: string; tag: string }[]>
  /** Marks live images deleted at `at`. */
  softDelete(ids: readonly string[], at: number): Promise<number>
  /** Brings deleted (not yet purged) images back. */
  restore(ids: readonly string[]): Promise<number>
  /** Rows deleted at or before `before`: their files must go with them. */
  expiredDeletes(before: number): Promise<Pick<ImageRow, 'id' | 'fileName' | 'thumbName'>[]>
  /** Removes the rows (and their collection entries and tags) for good. */
  purge(ids: readonly string[]): Promise<number>
  /** The collections an image is in, by name. */
  imageCollections(imageId: string): Promise<Pick<CollectionRow, 'id' | 'name'>[]>
  /** Every collection by name, counting its live images. */
  listCollections(): Promise<CollectionSummary[]>
  getCollection(id: string): Promise<CollectionRow | undefined>
  collectionNamed(name: string): Promise<CollectionRow | undefined>
  createCollection(row: CollectionRow): Promise<void>
  renameCollection(id: string, name: string): Promise<number>
  /** The collection and its entries (the images stay). */
  deleteCollection(id: string): Promise<number>
  /** Adds the live images among `ids` not in it yet. */
  addToCollection(collectionId: string, ids: readonly string[], at: number): Promise<number>
  removeFromCollection(collectionId: string, ids: readonly string[]): Promise<number>
  /** Counts one more use of a prompt (inserting it the first time). */
  recordPrompt(prompt: string, negativePrompt: string | null, model: string, at: number): Promise<void>
  /** Most recently used first; `q` matches anywhere in the prompt, literally (no wildcards). */
  prompts(q: string | undefined, limit: number): Promise<PromptHistoryRow[]>
  jobOf(imageId: string): Promise<JobRow | undefined>
}

/** The gallery query language (shared/gallery-query.ts) over live images, keyset-paged by seq. */
export interface SearchStore {
  /**
   * A page in arrival order (seq; newest = descending), after the keyset cursor `after` (a seq).
   * `counted`: the caller also counts the filter's matches — after the page if it comes back full,
   * or alongside it (`countsAlongside`, asked right after this call) — so a store may walk once for both.
   */
  page(filter: GalleryFilter, opts: { sort: Sort; limit: number; after?: number; counted?: boolean }): Promise<GalleryRow[]>
  /** How many images match: exact for few, else an estimate that says so (decision 013). */
  total(filter: GalleryFilter): Promise<GalleryTotal>
  /**
   * Whether a count may run beside its page rather than after it: PostgreSQL runs them on two
   * connections at once; SQLite has one connection, and a count is only needed when a page is full.
   */
  readonly countsAlongside?: boolean
}

/** Saved presets and named prompt lists. */
export interface PresetStore {
  /** By name. */
  list(): Promise<PresetRow[]>
  named(name: string): Promise<PresetRow | undefined>
  insert(row: PresetRow): Promise<void>
  /** The renamed row, or undefined when there is none with this id. */
  rename(id: string, name: string): Promise<PresetRow | undefined>
  remove(id: string): Promise<boolean>
  /** By name. */
  lists(): Promise<PromptListRow[]>
  /** Inserts or replaces the list of this name. */
  saveList(row: PromptListRow): Promise<void>
  removeList(name: string): Promise<boolean>
  /** Inserts presets and lists, replacing those of the same name (a preset keeps its id); all or nothing. */
  importLibrary(presets: readonly PresetRow[], lists: readonly PromptListRow[]): Promise<void>
}

/** Browser sessions. */
export interface AccessStore {
  findSession(tokenHash: string): Promise<SessionRow | undefined>
  insertSession(row: SessionRow): Promise<void>
  deleteSession(tokenHash: string): Promise<void>
  /** Sessions that expired before `now`. */
  deleteExpiredSessions(now: number): Promise<void>
  /** Every session; how many there were. */
  deleteAllSessions(): Promise<number>
}

/**
 * Spend totals, kept by the database in the same transaction as every change to jobs and cells
 * (docs/decisions/008): a job counts its images; a pending cell without a job reserves its own.
 */
export interface SpendStore {
  /** Non-zero totals from `day` (YYYY-MM-DD) on. */
  totalsSince(day: string): Promise<SpendTotalRow[]>
  /** Totals from `day` on, summed over people. */
  byDayAndModelSince(day: string): Promise<Omit<SpendTotalRow, 'person'>[]>
  /**
   * Runs `work` in a transaction (joining one already open) that no other `exclusive` runs alongside,
   * in this process or another: the budget gate's before/after reads see nobody else's spend.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>
}

/** One-shot zip download tickets, redeemable at any instance (docs/decisions/021). */
export interface ZipTicketStore {
  /** Keeps a ticket for `ids` until `expiresAt` (epoch ms), dropping tickets that ran out before `now`. */
  add(token: string, ids: string[], expiresAt: number, now: number): Promise<void>
  /** The ids of a ticket still valid at `now`, removing it; null when unknown, used or expired. */
  take(token: string, now: number): Promise<string[] | null>
}

/**
 * The change version every instance on one PostgreSQL database shares (docs/decisions/026). Absent on
 * SQLite: one process owns the file, so its changes are counted in memory.
 */
export interface ChangeStore {
  /**
   * Takes the next version and announces it with `kinds` on the change channel. Inside a transaction
   * the announcement leaves when it commits, and versions are taken in commit order.
   */
  publish(kinds: readonly string[], urgent: boolean): Promise<void>
  /** The newest version taken so far. */
  current(): Promise<number>
}

export type Data = {
  dialect: 'sqlite' | 'postgres'
  jobs: JobStore
  compare: CompareStore
  gallery: GalleryStore
  search: SearchStore
  presets: PresetStore
  access: AccessStore
  spend: SpendStore
  zipTickets: ZipTicketStore
  /** Where the shared limits (rate-limiter-flexible) keep their counters: this same database. */
  limitStore: LimitStore
  /** PostgreSQL only: the version of changes shared across instances. */
  changes?: ChangeStore
  /**
   * Runs `fn` in one transaction, serialised with every other writer's. Store calls made inside it
   * (however deep) join it. A nested call is a savepoint: if its `fn` throws, its writes are undone and
   * the error propagates. Throwing out of the outermost call rolls everything back.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>
  close(): Promise<void>
}
