// CompareStore on SQLite: comparisons and their cells; jobs and images are only read here.
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm'
import { ACTIVE_STATUSES } from '../../../shared/job-states'
import type { CompareStore } from '../stores'
import type { Connection } from './connection'
import { comparisonCells, comparisons, jobs } from './schema'

const CHUNK = 200
const cellOf = (comparisonId: string, index: number) => and(eq(comparisonCells.comparisonId, comparisonId), eq(comparisonCells.index, index))
const stillPending = and(eq(comparisonCells.pending, true), isNull(comparisonCells.jobId))

export function sqliteCompareStore({ db, run }: Connection): CompareStore {
  return {
    insert: (row, cells) =>
      run(() =>
        db.transaction((tx) => {
          tx.insert(comparisons).values(row).run()
          for (let i = 0; i < cells.length; i += CHUNK)
            tx.insert(comparisonCells)
              .values(cells.slice(i, i + CHUNK))
              .run()
        }),
      ),

    get: (id) => run(() => db.select().from(comparisons).where(eq(comparisons.id, id)).get()),

    list: (limit) => run(() => db.select().from(comparisons).orderBy(desc(comparisons.createdAt), desc(comparisons.id)).limit(limit).all()),

    cells: (comparisonIds) =>
      run(() =>
        comparisonIds.length === 0
          ? []
          : db
              .select()
              .from(comparisonCells)
              .where(inArray(comparisonCells.comparisonId, [...comparisonIds]))
              .orderBy(comparisonCells.index)
              .all(),
      ),

    jobs: (ids) =>
      run(() =>
        ids.length === 0
          ? []
          : db
              .select()
              .from(jobs)
              .where(inArray(jobs.id, [...ids]))
              .all(),
      ),

    pendingComparisonIds: () =>
      run(() =>
        db
          .selectDistinct({ id: comparisonCells.comparisonId })
          .from(comparisonCells)
          .where(stillPending)
          .all()
          .map((r) => r.id),
      ),

    nextPending: (comparisonId, limit) =>
      run(() =>
        db
          .select()
          .from(comparisonCells)
          .where(and(eq(comparisonCells.comparisonId, comparisonId), stillPending))
          .orderBy(comparisonCells.index)
          .limit(limit)
          .all(),
      ),

    activeJobCount: (comparisonId) =>
      run(
        () =>
          db
            .select({ n: count() })
            .from(jobs)
            .where(and(eq(jobs.comparisonId, comparisonId), inArray(jobs.status, [...ACTIVE_STATUSES])))
            .get()?.n ?? 0,
      ),

    takePending: (comparisonId, index) =>
      run(
        () =>
          db
            .update(comparisonCells)
            .set({ pending: false })
            .where(and(cellOf(comparisonId, index), stillPending))
            .run().changes === 1,
      ),

    attachJob: (comparisonId, index, jobId) =>
      run(() => void db.update(comparisonCells).set({ jobId, pending: false }).where(cellOf(comparisonId, index)).run()),

    cancel: (comparisonId, at) =>
      run(() =>
        db.transaction((tx) => {
          tx.update(comparisons).set({ cancelledAt: at }).where(eq(comparisons.id, comparisonId)).run()
          tx.update(comparisonCells)
            .set({ pending: false })
            .where(and(eq(comparisonCells.comparisonId, comparisonId), isNull(comparisonCells.jobId)))
            .run()
        }),
      ),

    requeue: (comparisonId, cells, at) =>
      run(() =>
        db.transaction((tx) => {
          for (const cell of cells) {
            tx.update(comparisonCells)
              .set({ jobId: null, previousJobId: cell.jobId, pending: true, requestedAt: at })
              .where(cellOf(comparisonId, cell.index))
              .run()
          }
        }),
      ),

    dropPending: (comparisonId, index) => run(() => void db.update(comparisonCells).set({ pending: false }).where(cellOf(comparisonId, index)).run()),
  }
}
