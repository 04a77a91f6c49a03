// Claims, leases and the waiting queue on PostgreSQL: claiming waiting jobs runs under an advisory
// lock with FOR UPDATE SKIP LOCKED, so instances never claim the same job (docs/decisions/025, 028).
import { and, asc, count, eq, gt, inArray, isNull, lt, lte, min, or } from 'drizzle-orm'
import { IN_FLIGHT_STATUSES, LEASED_STATUSES, type JobStatus } from '../../../shared/job-states'
import { checkMove } from '../job-moves'
import { reorderedRanks } from '../queue-order'
import type { JobStore, QueueStateRow } from '../stores'
import { LOCKS, type Context } from './context'
import { jobColumns } from './job-columns'
import { jobs, queueState } from './schema'

/** Darkroom's queue order (docs/decisions/028): rank, then arrival. */
const QUEUE_ORDER = [asc(jobs.queueRank), asc(jobs.createdAt), asc(jobs.id)]

type JobQueue = Pick<
  JobStore,
  | 'claimDue'
  | 'renewLeases'
  | 'takeLease'
  | 'takeExpiredLeases'
  | 'countWithStatus'
  | 'dueWaiting'
  | 'nextWaitingRetryAt'
  | 'waitingOrder'
  | 'listWaiting'
  | 'queueState'
  | 'setQueuePaused'
  | 'moveWaiting'
  | 'cancelWaiting'
>

export function createJobQueue({ db, locked }: Context): JobQueue {
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
  }
}
