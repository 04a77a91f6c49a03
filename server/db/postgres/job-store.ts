// Jobs and their images on PostgreSQL. Status changes are compare-and-set updates (the row lock makes
// the second of two racing callers see the new status and change nothing); claiming waiting jobs runs
// under an advisory lock with FOR UPDATE SKIP LOCKED, so instances never claim the same job.
import { and, asc, count, desc, eq, getTableColumns, gt, inArray, isNotNull, isNull, lt, lte, min, notInArray, or, sql } from 'drizzle-orm'
import { ACTIVE_STATUSES, IN_FLIGHT_STATUSES, LEASED_STATUSES, type JobStatus } from '../../../shared/job-states'
import { checkMove, leaseAfter } from '../job-moves'
import { reorderedRanks } from '../queue-order'
import type { JobStore, QueueStateRow } from '../stores'
import { LOCKS, type Context } from './context'
import { images, jobs, queueState } from './schema'

/** Darkroom's queue order (docs/decisions/028): rank, then arrival. */
const QUEUE_ORDER = [asc(jobs.queueRank), asc(jobs.createdAt), asc(jobs.id)]

function columnsWithoutSearch() {
  const { search, ...columns } = getTableColumns(jobs)
  void search // the tsvector only answers searches; rows never carry it
  return columns
}
/** A job row as the stores hand it out (JobRow). */
export const jobColumns = columnsWithoutSearch()

export function createJobStore({ db, locked, transaction }: Context): JobStore {
  const moveIn = (id: string, sources: readonly JobStatus[]) => and(eq(jobs.id, id), inArray(jobs.status, [...sources]))
  const leased = inArray(jobs.status, [...LEASED_STATUSES])
  const expired = (now: number) => or(isNull(jobs.leaseUntil), lt(jobs.leaseUntil, now))
  const countWithStatus = async (statuses: readonly JobStatus[]) => {
    const [row] = await db()
      .select({ n: count() })
      .from(jobs)
      .where(inArray(jobs.status, [...statuses]))
    return row?.n ?? 0
  }
  const readQueueState = async (): Promise<QueueStateRow> => {
    const [row] = await db().select().from(queueState).where(eq(queueState.id, 1))
    return { paused: row?.paused ?? false, changedAt: row?.changedAt ?? null }
  }
  const listWaiting = () =>
    db()
      .select(jobColumns)
      .from(jobs)
      .where(eq(jobs.status, 'waiting'))
      .orderBy(...QUEUE_ORDER)

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

    async claimDue(now, maxInFlight, lease) {
      checkMove(['waiting'], 'submitting')
      return locked(LOCKS.claim, async () => {
        if ((await readQueueState()).paused) return []
        const inFlight = await countWithStatus(IN_FLIGHT_STATUSES)
        const room = Math.max(0, maxInFlight - inFlight)
        if (room === 0) return []
        // Two statements, not `id in (select … limit n for update skip locked)`: PostgreSQL may run such a
        // subquery more than once per update and claim past the limit.
        const due = await db()
          .select({ id: jobs.id })
          .from(jobs)
          .where(and(eq(jobs.status, 'waiting'), or(isNull(jobs.nextAttemptAt), lte(jobs.nextAttemptAt, now))))
          .orderBy(...QUEUE_ORDER)
          .limit(room)
          .for('update', { skipLocked: true })
        if (due.length === 0) return []
        const claimed = await db()
          .update(jobs)
          .set({ status: 'submitting', updatedAt: Date.now(), leaseOwner: lease?.owner ?? null, leaseUntil: lease?.until ?? null })
          .where(
            and(
              inArray(
                jobs.id,
                due.map((r) => r.id),
              ),
              eq(jobs.status, 'waiting'),
            ),
          )
          .returning(jobColumns)
        const place = new Map(due.map((r, i) => [r.id, i]))
        return claimed.sort((a, b) => place.get(a.id)! - place.get(b.id)!)
      })
    },

    async renewLeases(owner, ids, until) {
      if (ids.length === 0) return []
      const renewed = await db()
        .update(jobs)
        .set({ leaseUntil: until })
        .where(and(eq(jobs.leaseOwner, owner), inArray(jobs.id, [...ids]), leased))
        .returning({ id: jobs.id })
      return renewed.map((r) => r.id)
    },

    async takeLease(id, lease, now) {
      const taken = await db()
        .update(jobs)
        .set({ leaseOwner: lease.owner, leaseUntil: lease.until })
        .where(and(eq(jobs.id, id), leased, or(eq(jobs.leaseOwner, lease.owner), expired(now))))
      return taken.rowCount === 1
    },

    takeExpiredLeases: (lease, now) =>
      db()
        .update(jobs)
        .set({ leaseOwner: lease.owner, leaseUntil: lease.until })
        .where(and(leased, expired(now)))
        .returning(jobColumns),

    countWithStatus,

    dueWaiting: (now, limit) =>
      db()
        .select(jobColumns)
        .from(jobs)
        .where(and(eq(jobs.status, 'waiting'), or(isNull(jobs.nextAttemptAt), lte(jobs.nextAttemptAt, now))))
        .orderBy(...QUEUE_ORDER)
        .limit(limit),

    async nextWaitingRetryAt(now) {
      const [row] = await db()
        .select({ at: min(jobs.nextAttemptAt) })
        .from(jobs)
        .where(and(eq(jobs.status, 'waiting'), gt(jobs.nextAttemptAt, now)))
      return row?.at ?? null
    },

    async waitingOrder() {
      const rows = await db()
        .select({ id: jobs.id })
        .from(jobs)
        .where(eq(jobs.status, 'waiting'))
        .orderBy(...QUEUE_ORDER)
      return rows.map((r) => r.id)
    },

    listWaiting,
    queueState: readQueueState,

    async setQueuePaused(paused, at) {
      await db()
        .insert(queueState)
        .values({ id: 1, paused, changedAt: at })
        .onConflictDoUpdate({ target: queueState.id, set: { paused, changedAt: at } })
      return readQueueState()
    },

    moveWaiting: (id, position) =>
      // Under the claim lock: a claim cannot take a job between this read of the order and its rewrite.
      locked(LOCKS.claim, async () => {
        const waiting = await db()
          .select({ id: jobs.id, queueRank: jobs.queueRank })
          .from(jobs)
          .where(eq(jobs.status, 'waiting'))
          .orderBy(...QUEUE_ORDER)
          .for('update')
        if (!waiting.some((row) => row.id === id)) return false
        for (const { id: jobId, queueRank } of reorderedRanks(waiting, id, position))
          await db()
            .update(jobs)
            .set({ queueRank })
            .where(and(eq(jobs.id, jobId), eq(jobs.status, 'waiting')))
        return true
      }),

    async cancelWaiting(at) {
      checkMove(['waiting'], 'cancelled')
      // Under the claim lock like moveWaiting: their row locks are then never taken in opposite orders.
      return locked(LOCKS.claim, async () => {
        const rows = await db()
          .update(jobs)
          .set({ status: 'cancelled', finishedAt: at, nextAttemptAt: null, retryReason: null, updatedAt: at })
          .where(eq(jobs.status, 'waiting'))
          .returning({ id: jobs.id })
        return rows.map((r) => r.id)
      })
    },

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
