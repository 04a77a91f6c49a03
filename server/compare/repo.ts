// Queries over comparisons and their cells. Jobs and images are only read here; the job service
// writes them.
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm'
import { ACTIVE_STATUSES } from '../../shared/job-states'
import type { Db } from '../db/client'
import { comparisonCells, comparisons, images, jobs, type ComparisonCellRow } from '../db/schema'

export type NewComparison = typeof comparisons.$inferInsert
export type NewCell = typeof comparisonCells.$inferInsert

const CHUNK = 200
const cellOf = (comparisonId: string, index: number) => and(eq(comparisonCells.comparisonId, comparisonId), eq(comparisonCells.index, index))

export function createCompareRepo(db: Db) {
  return {
    /** Runs `work` in one SQLite transaction: a cell and its job are recorded together or not at all. */
    transaction<T>(work: () => T): T {
      return db.transaction(() => work())
    },

    insert(row: NewComparison, cells: NewCell[]) {
      db.transaction((tx) => {
        tx.insert(comparisons).values(row).run()
        for (let i = 0; i < cells.length; i += CHUNK)
          tx.insert(comparisonCells)
            .values(cells.slice(i, i + CHUNK))
            .run()
      })
    },

    get: (id: string) => db.select().from(comparisons).where(eq(comparisons.id, id)).get(),

    list: (limit: number) => db.select().from(comparisons).orderBy(desc(comparisons.createdAt), desc(comparisons.id)).limit(limit).all(),

    cells: (comparisonIds: string[]): ComparisonCellRow[] =>
      comparisonIds.length === 0
        ? []
        : db.select().from(comparisonCells).where(inArray(comparisonCells.comparisonId, comparisonIds)).orderBy(comparisonCells.index).all(),

    jobs: (ids: string[]) => (ids.length === 0 ? [] : db.select().from(jobs).where(inArray(jobs.id, ids)).all()),

    imagesOfJobs: (jobIds: string[]) =>
      jobIds.length === 0 ? [] : db.select().from(images).where(inArray(images.jobId, jobIds)).orderBy(images.index).all(),

    imagesWithJobs: (ids: string[]) =>
      db.select({ image: images, job: jobs }).from(images).innerJoin(jobs, eq(images.jobId, jobs.id)).where(inArray(images.id, ids)).all(),

    /** Comparisons with cells whose job is still to be created (cancelled ones have none). */
    pendingComparisonIds: () =>
      db
        .selectDistinct({ id: comparisonCells.comparisonId })
        .from(comparisonCells)
        .where(and(eq(comparisonCells.pending, true), isNull(comparisonCells.jobId)))
        .all()
        .map((r) => r.id),

    nextPending: (comparisonId: string, limit: number) =>
      db
        .select()
        .from(comparisonCells)
        .where(and(eq(comparisonCells.comparisonId, comparisonId), eq(comparisonCells.pending, true), isNull(comparisonCells.jobId)))
        .orderBy(comparisonCells.index)
        .limit(limit)
        .all(),

    /** The comparison's jobs not yet finished, waiting in Darkroom's queue included. */
    activeJobCount: (comparisonId: string) =>
      db
        .select({ n: count() })
        .from(jobs)
        .where(and(eq(jobs.comparisonId, comparisonId), inArray(jobs.status, [...ACTIVE_STATUSES])))
        .get()?.n ?? 0,

    attachJob(comparisonId: string, index: number, jobId: string) {
      db.update(comparisonCells).set({ jobId, pending: false }).where(cellOf(comparisonId, index)).run()
    },

    /** Stops creating jobs for the comparison's cells that have none yet. */
    cancel(comparisonId: string, at: number) {
      db.transaction((tx) => {
        tx.update(comparisons).set({ cancelledAt: at }).where(eq(comparisons.id, comparisonId)).run()
        tx.update(comparisonCells)
          .set({ pending: false })
          .where(and(eq(comparisonCells.comparisonId, comparisonId), isNull(comparisonCells.jobId)))
          .run()
      })
    },

    /** Puts cells back in line for a new job, remembering the job each one re-runs; they reserve spend from `at`. */
    requeue(comparisonId: string, cells: Pick<ComparisonCellRow, 'index' | 'jobId'>[], at: number) {
      db.transaction((tx) => {
        for (const cell of cells) {
          tx.update(comparisonCells)
            .set({ jobId: null, previousJobId: cell.jobId, pending: true, requestedAt: at })
            .where(cellOf(comparisonId, cell.index))
            .run()
        }
      })
    },

    /** The cell wants no job (any more): its reserved spend is released. */
    dropPending(comparisonId: string, index: number) {
      db.update(comparisonCells).set({ pending: false }).where(cellOf(comparisonId, index)).run()
    },
  }
}

export type CompareRepo = ReturnType<typeof createCompareRepo>
