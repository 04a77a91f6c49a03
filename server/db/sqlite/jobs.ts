// JobStore on SQLite: jobs and the images they made. Times are epoch milliseconds.
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, min, notInArray, or, sql } from 'drizzle-orm'
import { ACTIVE_STATUSES, IN_FLIGHT_STATUSES, LEASED_STATUSES, type JobStatus } from '../../../shared/job-states'
import { checkMove, leaseAfter } from '../job-moves'
import { reorderedRanks } from '../queue-order'
import type { ImageFiles, JobRow, JobStore, QueueStateRow } from '../stores'
import type { Connection } from './connection'
import { images, jobs, queueState } from './schema'

/** Darkroom's queue order (docs/decisions/028): rank, then arrival. */
const QUEUE_ORDER = [asc(jobs.queueRank), asc(jobs.createdAt), asc(jobs.id)]

const fileColumns = {
  id: images.id,
  jobId: images.jobId,
  fileName: images.fileName,
  thumbName: images.thumbName,
  seq: images.seq,
  deletedAt: images.deletedAt,
}

export function sqliteJobStore({ db, run }: Connection): JobStore {
  const dueWaiting = (now: number, limit: number): JobRow[] =>
    db
      .select()
      .from(jobs)
      .where(and(eq(jobs.status, 'waiting'), or(isNull(jobs.nextAttemptAt), lte(jobs.nextAttemptAt, now))))
      .orderBy(...QUEUE_ORDER)
      .limit(limit)
      .all()
  const readQueueState = (): QueueStateRow => {
    const row = db.select().from(queueState).where(eq(queueState.id, 1)).get()
    return { paused: row?.paused ?? false, changedAt: row?.changedAt ?? null }
  }
  const listWaiting = () =>
    db
      .select()
      .from(jobs)
      .where(eq(jobs.status, 'waiting'))
      .orderBy(...QUEUE_ORDER)
      .all()
  const countWithStatus = (statuses: readonly JobStatus[]) => db.select({ n: count() }).from(jobs).where(inArray(jobs.status, statuses)).get()?.n ?? 0
  const leased = inArray(jobs.status, LEASED_STATUSES)
  const expired = (now: number) => or(isNull(jobs.leaseUntil), lt(jobs.leaseUntil, now))

  return {
    insertJob: (job) =>
      run(
        () =>
          void db
            .insert(jobs)
            .values({ ...job, queueRank: job.queueRank ?? sql`(select coalesce(max(queue_rank), 0) + 1 from jobs)` })
            .run(),
      ),

    updateJob: (id, patch) =>
      run(
        () =>
          void db
            .update(jobs)
            .set({ ...patch, updatedAt: patch.updatedAt ?? Date.now() })
            .where(eq(jobs.id, id))
            .run(),
      ),

    async transition(id, from, to, patch = {}) {
      const sources = typeof from === 'string' ? [from] : from
      checkMove(sources, to)
      return run(
        () =>
          db
            .update(jobs)
            .set({ ...patch, ...leaseAfter(to), status: to, updatedAt: Date.now() })
            .where(and(eq(jobs.id, id), inArray(jobs.status, [...sources])))
            .run().changes === 1,
      )
    },

    claimDue: (now, maxInFlight, lease) =>
      run(() =>
        db.transaction(() => {
          if (readQueueState().paused) return []
          const free = maxInFlight - countWithStatus(IN_FLIGHT_STATUSES)
          if (free <= 0) return []
          const due = dueWaiting(now, free)
          if (due.length === 0) return []
          const at = Date.now()
          const held = { leaseOwner: lease?.owner ?? null, leaseUntil: lease?.until ?? null }
          db.update(jobs)
            .set({ status: 'submitting', updatedAt: at, ...held })
            .where(
              and(
                inArray(
                  jobs.id,
                  due.map((j) => j.id),
                ),
                eq(jobs.status, 'waiting'),
              ),
            )
            .run()
          return due.map((j) => ({ ...j, status: 'submitting' as const, updatedAt: at, ...held }))
        }),
      ),

    renewLeases: (owner, ids, until) =>
      run(() =>
        ids.length === 0
          ? []
          : db
              .update(jobs)
              .set({ leaseUntil: until })
              .where(and(eq(jobs.leaseOwner, owner), inArray(jobs.id, [...ids]), leased))
              .returning({ id: jobs.id })
              .all()
              .map((r) => r.id),
      ),

    takeLease: (id, lease, now) =>
      run(
        () =>
          db
            .update(jobs)
            .set({ leaseOwner: lease.owner, leaseUntil: lease.until })
            .where(and(eq(jobs.id, id), leased, or(eq(jobs.leaseOwner, lease.owner), expired(now))))
            .run().changes === 1,
      ),

    takeExpiredLeases: (lease, now) =>
      run(() =>
        db
          .update(jobs)
          .set({ leaseOwner: lease.owner, leaseUntil: lease.until })
          .where(and(leased, expired(now)))
          .returning()
          .all(),
      ),

    countWithStatus: (statuses) => run(() => countWithStatus(statuses)),
    dueWaiting: (now, limit) => run(() => dueWaiting(now, limit)),

    nextWaitingRetryAt: (now) =>
      run(
        () =>
          db
            .select({ at: min(jobs.nextAttemptAt) })
            .from(jobs)
            .where(and(eq(jobs.status, 'waiting'), gt(jobs.nextAttemptAt, now)))
            .get()?.at ?? null,
      ),

    waitingOrder: () =>
      run(() =>
        db
          .select({ id: jobs.id })
          .from(jobs)
          .where(eq(jobs.status, 'waiting'))
          .orderBy(...QUEUE_ORDER)
          .all()
          .map((r) => r.id),
      ),

    listWaiting: () => run(listWaiting),
    queueState: () => run(readQueueState),

    setQueuePaused: (paused, at) =>
      run(() => {
        db.insert(queueState)
          .values({ id: 1, paused, changedAt: at })
          .onConflictDoUpdate({ target: queueState.id, set: { paused, changedAt: at } })
          .run()
        return readQueueState()
      }),

    moveWaiting: (id, position) =>
      run(() =>
        db.transaction(() => {
          const waiting = listWaiting()
          if (!waiting.some((row) => row.id === id)) return false
          for (const { id: jobId, queueRank } of reorderedRanks(waiting, id, position))
            db.update(jobs)
              .set({ queueRank })
              .where(and(eq(jobs.id, jobId), eq(jobs.status, 'waiting')))
              .run()
          return true
        }),
      ),

    async cancelWaiting(at) {
      checkMove(['waiting'], 'cancelled')
      return run(() =>
        db
          .update(jobs)
          .set({ status: 'cancelled', finishedAt: at, nextAttemptAt: null, retryReason: null, updatedAt: at })
          .where(eq(jobs.status, 'waiting'))
          .returning({ id: jobs.id })
          .all()
          .map((r) => r.id),
      )
    },

    getJob: (id) => run(() => db.select().from(jobs).where(eq(jobs.id, id)).get()),

    listJobs: (limit) =>
      run(() => db.select().from(jobs).where(isNull(jobs.dismissedAt)).orderBy(desc(jobs.createdAt), desc(jobs.id)).limit(limit).all()),

    dismissJob: (id, at) =>
      run(
        () =>
          db
            .update(jobs)
            .set({ dismissedAt: at })
            .where(and(eq(jobs.id, id), notInArray(jobs.status, [...ACTIVE_STATUSES])))
            .run().changes > 0,
      ),

    jobsWithStatus: (statuses) => run(() => db.select().from(jobs).where(inArray(jobs.status, statuses)).all()),

    retriesDue: (status) =>
      run(() =>
        db
          .select()
          .from(jobs)
          .where(and(eq(jobs.status, status), isNotNull(jobs.nextAttemptAt)))
          .orderBy(asc(jobs.nextAttemptAt))
          .all(),
      ),

    imagesOfJobs: (jobIds) =>
      run(() =>
        jobIds.length === 0
          ? []
          : db
              .select()
              .from(images)
              .where(inArray(images.jobId, [...jobIds]))
              .orderBy(images.index)
              .all(),
      ),

    async completeJob(id, rows, patch) {
      checkMove(['downloading'], 'completed')
      return run(() =>
        db.transaction((tx) => {
          // One connection, one synchronous transaction: nothing moves the job between this look and the update.
          if (tx.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, id)).get()?.status !== 'downloading') return false
          // Images first: the spend trigger counts a completed job's images when its status changes.
          for (const row of rows) {
            // A re-download rewrites the row but keeps its place (seq) and its search entry.
            tx.insert(images)
              .values({ ...row, seq: sql`(select coalesce(max(seq), 0) + 1 from images)` })
              .onConflictDoUpdate({ target: [images.jobId, images.index], set: row })
              .run()
          }
          tx.update(jobs)
            .set({ ...patch, ...leaseAfter('completed'), status: 'completed', updatedAt: Date.now() })
            .where(and(eq(jobs.id, id), eq(jobs.status, 'downloading')))
            .run()
          return true
        }),
      )
    },

    getImage: (id) =>
      run(() => db.select({ image: images, job: jobs }).from(images).innerJoin(jobs, eq(images.jobId, jobs.id)).where(eq(images.id, id)).get()),

    imagesWithJobs: (ids) =>
      run(() =>
        ids.length === 0
          ? []
          : db
              .select({ image: images, job: jobs })
              .from(images)
              .innerJoin(jobs, eq(images.jobId, jobs.id))
              .where(inArray(images.id, [...ids]))
              .all(),
      ),

    imageFilesAfter: (afterSeq, limit) =>
      run((): ImageFiles[] => db.select(fileColumns).from(images).where(gt(images.seq, afterSeq)).orderBy(asc(images.seq)).limit(limit).all()),

    imageFilesByIds: (ids) =>
      run((): ImageFiles[] =>
        ids.length === 0
          ? []
          : db
              .select(fileColumns)
              .from(images)
              .where(inArray(images.id, [...ids]))
              .all(),
      ),

    deleteImage: (id) => run(() => void db.delete(images).where(eq(images.id, id)).run()),
  }
}
