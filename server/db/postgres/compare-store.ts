// Comparisons and their cells on PostgreSQL; jobs and images are only read here.
import { and, asc, count, desc, eq, inArray, isNull } from 'drizzle-orm'
import { ACTIVE_STATUSES } from '../../../shared/job-states'
import type { CompareStore } from '../stores'
import type { Context } from './context'
import { jobColumns } from './job-columns'
import { comparisonCells, comparisons, jobs } from './schema'

const CHUNK = 200
const cellOf = (comparisonId: string, index: number) => and(eq(comparisonCells.comparisonId, comparisonId), eq(comparisonCells.index, index))
const wantsJob = and(eq(comparisonCells.pending, true), isNull(comparisonCells.jobId))

export function createCompareStore({ db, transaction }: Context): CompareStore {
  return {
    insert: (row, cells) =>
      transaction(async () => {
        await db().insert(comparisons).values(row)
        for (let i = 0; i < cells.length; i += CHUNK)
          await db()
            .insert(comparisonCells)
            .values(cells.slice(i, i + CHUNK))
      }),

    async get(id) {
      const [row] = await db().select().from(comparisons).where(eq(comparisons.id, id))
      return row
    },

    list: (limit) => db().select().from(comparisons).orderBy(desc(comparisons.createdAt), desc(comparisons.id)).limit(limit),

    async cells(comparisonIds) {
      if (comparisonIds.length === 0) return []
      return db()
        .select()
        .from(comparisonCells)
        .where(inArray(comparisonCells.comparisonId, [...comparisonIds]))
        .orderBy(asc(comparisonCells.index), asc(comparisonCells.comparisonId))
    },

    async jobs(ids) {
      if (ids.length === 0) return []
      return db()
        .select(jobColumns)
        .from(jobs)
        .where(inArray(jobs.id, [...ids]))
    },

    async pendingComparisonIds() {
      const rows = await db().selectDistinct({ id: comparisonCells.comparisonId }).from(comparisonCells).where(wantsJob)
      return rows.map((r) => r.id)
    },

    nextPending: (comparisonId, limit) =>
      db()
        .select()
        .from(comparisonCells)
        .where(and(eq(comparisonCells.comparisonId, comparisonId), wantsJob))
        .orderBy(asc(comparisonCells.index))
        .limit(limit),

    async activeJobCount(comparisonId) {
      const [row] = await db()
        .select({ n: count() })
        .from(jobs)
        .where(and(eq(jobs.comparisonId, comparisonId), inArray(jobs.status, [...ACTIVE_STATUSES])))
      return row?.n ?? 0
    },

    async takePending(comparisonId, index) {
      const res = await db()
        .update(comparisonCells)
        .set({ pending: false })
        .where(and(cellOf(comparisonId, index), wantsJob))
      return res.rowCount === 1
    },

    async attachJob(comparisonId, index, jobId) {
      await db().update(comparisonCells).set({ jobId, pending: false }).where(cellOf(comparisonId, index))
    },

    cancel: (comparisonId, at) =>
      transaction(async () => {
        await db().update(comparisons).set({ cancelledAt: at }).where(eq(comparisons.id, comparisonId))
        await db()
          .update(comparisonCells)
          .set({ pending: false })
          .where(and(eq(comparisonCells.comparisonId, comparisonId), isNull(comparisonCells.jobId)))
      }),

    requeue: (comparisonId, cells, at) =>
      transaction(async () => {
        for (const cell of cells)
          await db()
            .update(comparisonCells)
            .set({ jobId: null, previousJobId: cell.jobId, pending: true, requestedAt: at })
            .where(cellOf(comparisonId, cell.index))
      }),

    async dropPending(comparisonId, index) {
      await db().update(comparisonCells).set({ pending: false }).where(cellOf(comparisonId, index))
    },
  }
}
