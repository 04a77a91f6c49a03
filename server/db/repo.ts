// Queries over jobs and images. Times are stored as epoch milliseconds.
import { and, desc, eq, inArray, lt, or } from 'drizzle-orm'
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

    getJob: (id: string): JobRow | undefined => db.select().from(jobs).where(eq(jobs.id, id)).get(),

    listJobs: (limit: number): JobRow[] => db.select().from(jobs).orderBy(desc(jobs.createdAt), desc(jobs.id)).limit(limit).all(),

    jobsWithStatus: (statuses: string[]): JobRow[] => db.select().from(jobs).where(inArray(jobs.status, statuses)).all(),

    imagesOfJobs(jobIds: string[]): ImageRow[] {
      if (jobIds.length === 0) return []
      return db.select().from(images).where(inArray(images.jobId, jobIds)).orderBy(images.index).all()
    },

    /** Stores a job's images and marks it completed in one transaction: both or neither. */
    completeJob(id: string, rows: NewImage[], patch: JobPatch) {
      db.transaction((tx) => {
        for (const row of rows) {
          tx.insert(images)
            .values(row)
            .onConflictDoUpdate({ target: [images.jobId, images.index], set: row })
            .run()
        }
        tx.update(jobs)
          .set({ ...patch, updatedAt: Date.now() })
          .where(eq(jobs.id, id))
          .run()
      })
    },

    /** A page of images, newest first, after the keyset cursor (createdAt, id). */
    pageImages(limit: number, after?: { createdAt: number; id: string }) {
      const where = after
        ? or(lt(images.createdAt, after.createdAt), and(eq(images.createdAt, after.createdAt), lt(images.id, after.id)))
        : undefined
      return db
        .select({ image: images, job: jobs })
        .from(images)
        .innerJoin(jobs, eq(images.jobId, jobs.id))
        .where(where)
        .orderBy(desc(images.createdAt), desc(images.id))
        .limit(limit)
        .all()
    },

    getImage(id: string) {
      return db.select({ image: images, job: jobs }).from(images).innerJoin(jobs, eq(images.jobId, jobs.id)).where(eq(images.id, id)).get()
    },

    deleteImage(id: string) {
      db.delete(images).where(eq(images.id, id)).run()
    },
  }
}

export type Repo = ReturnType<typeof createRepo>
