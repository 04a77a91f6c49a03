// Queries over jobs and images. Times are stored as epoch milliseconds.
import { and, asc, count, desc, eq, gt, inArray, isNull, lte, min, notInArray, or, sql } from 'drizzle-orm'
import { ACTIVE_STATUSES } from '../../shared/api'
import type { Db } from './client'
import { images, jobs, type ImageRow, type JobRow } from './schema'

export type NewJob = typeof jobs.$inferInsert
export type JobPatch = Partial<Omit<JobRow, 'id' | 'createdAt'>>
export type NewImage = typeof images.$inferInsert

export function createRepo(db: Db) {
  return {
    insertJob(job: NewJob) {
      db.insert(jobs).values(job).run()
    },

    updateJob(id: string, patch: JobPatch) {
      db.update(jobs)
        .set({ ...patch, updatedAt: patch.updatedAt ?? Date.now() })
        .where(eq(jobs.id, id))
        .run()
    },

    /** Moves a job on only if it is still in `from`; false when something else moved it first. */
    transition(id: string, from: string, patch: JobPatch): boolean {
      const res = db
        .update(jobs)
        .set({ ...patch, updatedAt: Date.now() })
        .where(and(eq(jobs.id, id), eq(jobs.status, from)))
        .run()
      return res.changes === 1
    },

    countWithStatus: (statuses: string[]): number =>
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
      db.select({ id: jobs.id }).from(jobs).where(eq(jobs.status, 'waiting')).orderBy(asc(jobs.createdAt), asc(jobs.id)).all().map((r) => r.id),

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

    jobsWithStatus: (statuses: string[]): JobRow[] => db.select().from(jobs).where(inArray(jobs.status, statuses)).all(),

    imagesOfJobs(jobIds: string[]): ImageRow[] {
      if (jobIds.length === 0) return []
      return db.select().from(images).where(inArray(images.jobId, jobIds)).orderBy(images.index).all()
    },

    /** Stores a job's images and marks it completed in one transaction: both or neither. */
    completeJob(id: string, rows: NewImage[], patch: JobPatch) {
      db.transaction((tx) => {
        for (const row of rows) {
          // A re-download rewrites the row but keeps its place (seq) and its search entry.
          tx.insert(images)
            .values({ ...row, seq: sql`(select coalesce(max(seq), 0) + 1 from images)` })
            .onConflictDoUpdate({ target: [images.jobId, images.index], set: row })
            .run()
        }
        tx.update(jobs)
          .set({ ...patch, updatedAt: Date.now() })
          .where(eq(jobs.id, id))
          .run()
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
