// Queries over jobs and images. Times are stored as epoch milliseconds.
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, min, notInArray, or, sql } from 'drizzle-orm'
import { ACTIVE_STATUSES, canTransition, type JobStatus } from '../../shared/job-states'
import type { Db } from './client'
import { images, jobs, type ImageRow, type JobRow } from './schema'

export type NewJob = typeof jobs.$inferInsert
/** Everything but the status, which moves only through `transition`. */
export type JobPatch = Partial<Omit<JobRow, 'id' | 'createdAt' | 'status'>>
export type NewImage = typeof images.$inferInsert

/** A move the table in shared/job-states.ts does not allow: a bug in the caller, never written. */
export class IllegalTransitionError extends Error {
  constructor(from: readonly JobStatus[], to: JobStatus) {
    super(`A job cannot go from ${from.join('/')} to ${to}`)
  }
}

function checkMove(from: readonly JobStatus[], to: JobStatus) {
  if (from.length === 0 || from.some((f) => !canTransition(f, to))) throw new IllegalTransitionError(from, to)
}

export function createRepo(db: Db) {
  return {
    insertJob(job: NewJob) {
      db.insert(jobs).values(job).run()
    },

    /** Bookkeeping that keeps the job's status (attempts, queue position, the webhook token). */
    updateJob(id: string, patch: JobPatch) {
      db.update(jobs)
        .set({ ...patch, updatedAt: patch.updatedAt ?? Date.now() })
        .where(eq(jobs.id, id))
        .run()
    },

    /**
     * The one way a job's status changes: a compare-and-set from one of `from` to `to`, with `patch`
     * written alongside. False when something else moved the job first; throws, writing nothing, when
     * the table does not allow the move. `to` may be in `from` to patch a job only while it stays put.
     */
    transition(id: string, from: JobStatus | readonly JobStatus[], to: JobStatus, patch: JobPatch = {}): boolean {
      const sources = typeof from === 'string' ? [from] : from
      checkMove(sources, to)
      const res = db
        .update(jobs)
        .set({ ...patch, status: to, updatedAt: Date.now() })
        .where(and(eq(jobs.id, id), inArray(jobs.status, [...sources])))
        .run()
      return res.changes === 1
    },

    countWithStatus: (statuses: readonly JobStatus[]): number =>
      db.select({ n: count() }).from(jobs).where(inArray(jobs.status, statuses)).get()?.n ?? 0,

    /** Waiting jobs whose retry, if any, is due: oldest first. */
    dueWaiting: (now: number, limit: number): JobRow[] =>
      db
        .select()
        .from(jobs)
        .where(and(eq(jobs.status, 'waiting'), or(isNull(jobs.nextAttemptAt), lte(jobs.nextAttemptAt, now))))
        .orderBy(asc(jobs.createdAt), asc(jobs.id))
        .limit(limit)
        .all(),

    /** When the next waiting job's retry falls due, if one is waiting for a later time. */
    nextWaitingRetryAt: (now: number): number | null =>
      db
        .select({ at: min(jobs.nextAttemptAt) })
        .from(jobs)
        .where(and(eq(jobs.status, 'waiting'), gt(jobs.nextAttemptAt, now)))
        .get()?.at ?? null,

    /** Ids of waiting jobs in the order they will be sent. */
    waitingOrder: (): string[] =>
      db
        .select({ id: jobs.id })
        .from(jobs)
        .where(eq(jobs.status, 'waiting'))
        .orderBy(asc(jobs.createdAt), asc(jobs.id))
        .all()
        .map((r) => r.id),

    getJob: (id: string): JobRow | undefined => db.select().from(jobs).where(eq(jobs.id, id)).get(),

    /** The newest jobs the user has not dismissed. */
    listJobs: (limit: number): JobRow[] =>
      db.select().from(jobs).where(isNull(jobs.dismissedAt)).orderBy(desc(jobs.createdAt), desc(jobs.id)).limit(limit).all(),

    /** Hides a finished job from the list; false when it is still running (or does not exist). */
    dismissJob: (id: string, at: number): boolean =>
      db
        .update(jobs)
        .set({ dismissedAt: at })
        .where(and(eq(jobs.id, id), notInArray(jobs.status, [...ACTIVE_STATUSES])))
        .run().changes > 0,

    jobsWithStatus: (statuses: readonly JobStatus[]): JobRow[] => db.select().from(jobs).where(inArray(jobs.status, statuses)).all(),

    /** Jobs parked in `status` with a retry due at some time (a full disk, say): soonest first. */
    retriesDue: (status: JobStatus): JobRow[] =>
      db
        .select()
        .from(jobs)
        .where(and(eq(jobs.status, status), isNotNull(jobs.nextAttemptAt)))
        .orderBy(asc(jobs.nextAttemptAt))
        .all(),

    imagesOfJobs(jobIds: string[]): ImageRow[] {
      if (jobIds.length === 0) return []
      return db.select().from(images).where(inArray(images.jobId, jobIds)).orderBy(images.index).all()
    },

    /**
     * Stores a job's images and moves it from downloading to completed in one transaction: both or
     * neither. False (nothing stored) when the job was no longer downloading.
     */
    completeJob(id: string, rows: NewImage[], patch: JobPatch): boolean {
      checkMove(['downloading'], 'completed')
      return db.transaction((tx) => {
        const moved = tx
          .update(jobs)
          .set({ ...patch, status: 'completed', updatedAt: Date.now() })
          .where(and(eq(jobs.id, id), eq(jobs.status, 'downloading')))
          .run()
        if (moved.changes !== 1) return false
        for (const row of rows) {
          // A re-download rewrites the row but keeps its place (seq) and its search entry.
          tx.insert(images)
            .values({ ...row, seq: sql`(select coalesce(max(seq), 0) + 1 from images)` })
            .onConflictDoUpdate({ target: [images.jobId, images.index], set: row })
            .run()
        }
        return true
      })
    },

    getImage(id: string) {
      return db.select({ image: images, job: jobs }).from(images).innerJoin(jobs, eq(images.jobId, jobs.id)).where(eq(images.id, id)).get()
    },

    /** Every stored file name, for the start-up check that disk and database agree. */
    allImageFiles: () => db.select({ id: images.id, jobId: images.jobId, fileName: images.fileName, thumbName: images.thumbName }).from(images).all(),

    deleteImage(id: string) {
      db.delete(images).where(eq(images.id, id)).run()
    },
  }
}

export type Repo = ReturnType<typeof createRepo>
