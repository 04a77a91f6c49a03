// Jobs and their images on PostgreSQL. Status changes are compare-and-set updates (the row lock makes
// the second of two racing callers see the new status and change nothing). Claims, leases and the
// queue's order are in job-queue-store.ts.
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, notInArray, sql } from 'drizzle-orm'
import { ACTIVE_STATUSES, type JobStatus } from '../../../shared/job-states'
import { checkMove, leaseAfter } from '../job-moves'
import type { JobStore } from '../stores'
import type { Context } from './context'
import { jobColumns } from './job-columns'
import { createJobQueue } from './job-queue-store'
import { images, jobs } from './schema'

export function createJobStore(context: Context): JobStore {
  const { db, transaction } = context
  const moveIn = (id: string, sources: readonly JobStatus[]) => and(eq(jobs.id, id), inArray(jobs.status, [...sources]))
  return {
    async insertJob(job) {
      await db()
        .insert(jobs)
        .values({ ...job, queueRank: job.queueRank ?? sql`(select coalesce(max(queue_rank), 0) + 1 from jobs)` })
    },

    async updateJob(id, patch) {
      await db()
        .update(jobs)
        .set({ ...patch, updatedAt: patch.updatedAt ?? Date.now() })
        .where(eq(jobs.id, id))
    },

    async transition(id, from, to, patch = {}) {
      const sources = typeof from === 'string' ? [from] : from
      checkMove(sources, to)
      const moved = await db()
        .update(jobs)
        .set({ ...patch, ...leaseAfter(to), status: to, updatedAt: Date.now() })
        .where(moveIn(id, sources))
      return moved.rowCount === 1
    },

    ...createJobQueue(context),

    async getJob(id) {
      const [row] = await db().select(jobColumns).from(jobs).where(eq(jobs.id, id))
      return row
    },

    async imagesWithJobs(ids) {
      if (ids.length === 0) return []
      return db()
        .select({ image: images, job: jobColumns })
        .from(images)
        .innerJoin(jobs, eq(images.jobId, jobs.id))
        .where(inArray(images.id, [...ids]))
    },

    listJobs: (limit) => db().select(jobColumns).from(jobs).where(isNull(jobs.dismissedAt)).orderBy(desc(jobs.createdAt), desc(jobs.id)).limit(limit),

    async dismissJob(id, at) {
      const res = await db()
        .update(jobs)
        .set({ dismissedAt: at })
        .where(and(eq(jobs.id, id), notInArray(jobs.status, [...ACTIVE_STATUSES])))
      return (res.rowCount ?? 0) > 0
    },

    jobsWithStatus: (statuses) =>
      db()
        .select(jobColumns)
        .from(jobs)
        .where(inArray(jobs.status, [...statuses])),

    retriesDue: (status) =>
      db()
        .select(jobColumns)
        .from(jobs)
        .where(and(eq(jobs.status, status), isNotNull(jobs.nextAttemptAt)))
        .orderBy(asc(jobs.nextAttemptAt)),

    async imagesOfJobs(jobIds) {
      if (jobIds.length === 0) return []
      return db()
        .select()
        .from(images)
        .where(inArray(images.jobId, [...jobIds]))
        .orderBy(asc(images.index), asc(images.seq))
    },

    async completeJob(id, rows, patch) {
      checkMove(['downloading'], 'completed')
      return transaction(async () => {
        // Lock the job first, then store the images, then move it: the spend trigger counts the images
        // the completed job made, so they must be there when its status changes.
        const [job] = await db().select({ status: jobs.status }).from(jobs).where(eq(jobs.id, id)).for('update')
        if (job?.status !== 'downloading') return false
        for (const row of rows) {
          // A re-download rewrites the row but keeps its place (seq).
          await db()
            .insert(images)
            .values(row)
            .onConflictDoUpdate({ target: [images.jobId, images.index], set: row })
        }
        await db()
          .update(jobs)
          .set({ ...patch, ...leaseAfter('completed'), status: 'completed', updatedAt: Date.now() })
          .where(eq(jobs.id, id))
        return true
      })
    },

    async getImage(id) {
      const [row] = await db()
        .select({ image: images, job: jobColumns })
        .from(images)
        .innerJoin(jobs, eq(images.jobId, jobs.id))
        .where(eq(images.id, id))
      return row
    },

    imageFilesAfter: (afterSeq, limit) =>
      db()
        .select({
          id: images.id,
          jobId: images.jobId,
          fileName: images.fileName,
          thumbName: images.thumbName,
          seq: images.seq,
          deletedAt: images.deletedAt,
        })
        .from(images)
        .where(gt(images.seq, afterSeq))
        .orderBy(asc(images.seq))
        .limit(limit),

    async imageFilesByIds(ids) {
      if (ids.length === 0) return []
      return db()
        .select({
          id: images.id,
          jobId: images.jobId,
          fileName: images.fileName,
          thumbName: images.thumbName,
          seq: images.seq,
          deletedAt: images.deletedAt,
        })
        .from(images)
        .where(inArray(images.id, [...ids]))
    },

    async deleteImage(id) {
      await db().delete(images).where(eq(images.id, id))
    },
  }
}
