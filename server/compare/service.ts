// Comparisons: check the whole grid, save it, let the feeder create the cells' jobs, and read,
// cancel or re-run them. Every job goes through the job service and so through the runner.
import { randomInt, randomUUID } from 'node:crypto'
import { SEED_MAX } from '../../shared/catalogue'
import { RERUNNABLE, type Comparison, type CompareLimits, type CreateComparisonBody } from '../../shared/compare'
import { autoTitle, planComparison, withSharedSeed } from '../../shared/compare-plan'
import { parseOrder } from '../../shared/compare-view'
import type { Data } from '../db/stores'
import { Conflict, Invalid, NotFound } from '../errors'
import type { BudgetGate, JobService } from '../jobs/service'
import { presentImage } from '../jobs/present'
import type { Logger } from '../log'
import { renderComparisonPng } from './export'
import { createFeeder } from './feeder'
import { lookupFrom, presentComparison, summarize } from './present'

const NO_COMPARISON = 'No comparison with this id'

export type CompareOptions = {
  data: Pick<Data, 'compare' | 'jobs' | 'transaction'>
  jobs: JobService
  log: Logger
  limits: CompareLimits
  /** Unfinished jobs per comparison at most; the feeder creates the rest as these finish. */
  window: number
  /** A stored thumbnail's bytes (null when gone), for the exported grid. */
  readThumb: (thumbName: string) => Promise<Buffer | null>
  /** The budget gate: a grid is saved, and cells are put back in line, only if their images fit. */
  gate?: BudgetGate
  /** Whether this instance creates cells' jobs now: only the leader does, for every instance (decision 026). */
  feeds?: () => boolean
}

export function createCompareService({ data, jobs, log, limits, window, readThumb, gate = (work) => work(), feeds }: CompareOptions) {
  const repo = data.compare
  const feeder = createFeeder({ repo, transaction: data.transaction, jobs, log, window, active: feeds })

  async function load(ids: string[]): Promise<Comparison[]> {
    const rows = (await Promise.all(ids.map((id) => repo.get(id)))).filter((r) => r !== undefined)
    const cells = await repo.cells(rows.map((r) => r.id))
    const jobRows = await repo.jobs([...new Set(cells.flatMap((c) => (c.jobId ? [c.jobId] : [])))])
    const lookup = lookupFrom(jobRows, await data.jobs.imagesOfJobs(jobRows.map((j) => j.id)))
    return rows.map((row) =>
      presentComparison(
        row,
        cells.filter((c) => c.comparisonId === row.id),
        lookup,
      ),
    )
  }
  const find = async (id: string): Promise<Comparison> => {
    const comparison = (await load([id]))[0]
    if (!comparison) throw new NotFound(NO_COMPARISON)
    return comparison
  }

  return {
    limits,
    get: find,

    list: async (limit = 50) => ({ items: (await load((await repo.list(limit)).map((r) => r.id))).map(summarize), limits }),

    /** Refuses the whole grid before any job exists if one cell is wrong, too many, unconfirmed or over budget. */
    async create(body: CreateComparisonBody, actor?: string): Promise<Comparison> {
      const { confirm, ...input } = body
      const spec = withSharedSeed({ ...input, title: input.title?.trim() || autoTitle(input) }, () => randomInt(0, SEED_MAX + 1))
      const plan = planComparison(spec, limits)
      if (!plan.ok) throw new Invalid(plan.message, plan.fields)
      const { images } = plan.estimate
      if (images > limits.confirmImages && confirm !== true) {
        const message = `This comparison makes ${images} images, more than ${limits.confirmImages}: send "confirm": true to run it`
        throw new Invalid(message, { confirm: message })
      }
      const id = randomUUID()
      const now = Date.now()
      // Cells waiting for a job reserve their images, so the whole grid is checked before it is saved.
      await gate(() =>
        repo.insert(
          { id, title: spec.title, spec: JSON.stringify(spec), createdAt: now, createdBy: actor ?? null },
          plan.cells.map((c) => ({
            comparisonId: id,
            index: c.index,
            x: c.x,
            y: c.y,
            z: c.z,
            model: c.model,
            params: JSON.stringify(c.params),
            na: JSON.stringify(c.na),
            sameAs: c.sameAs,
            outOfRange: c.outOfRange,
            pending: c.sameAs === null && c.outOfRange === null,
            requestedAt: now,
          })),
        ),
      )
      log.info('comparison created', { comparison: id, cells: plan.cells.length, images, outOfRange: plan.cells.filter((c) => c.outOfRange).length })
      await feeder.kick()
      return find(id)
    },

    /** Drops every cell not yet created and every job still waiting in Darkroom's queue. */
    async cancel(id: string): Promise<Comparison> {
      await find(id)
      await repo.cancel(id, Date.now())
      for (const cell of (await find(id)).cells) {
        if (cell.state !== 'waiting' || !cell.jobId) continue
        try {
          await jobs.cancel(cell.jobId)
        } catch (err) {
          if (!(err instanceof Conflict)) throw err // sent upstream meanwhile: it runs to the end
        }
      }
      return find(id)
    },

    /** Re-runs the given cells (a repeated cell re-runs the one it repeats), or every failed one. */
    async rerun(id: string, indexes?: number[]): Promise<Comparison> {
      const comparison = await find(id)
      const wanted = indexes ?? comparison.cells.filter((c) => RERUNNABLE.includes(c.state)).map((c) => c.index)
      const primaries = new Map<number, string | null>()
      for (const index of wanted) {
        const cell = comparison.cells[index]
        if (!cell) throw new Invalid(`There is no cell ${index}; this comparison has ${comparison.cells.length}`, { cells: 'no such cell' })
        if (!RERUNNABLE.includes(cell.state)) {
          throw new Conflict(`Cell ${index} is ${cell.state.replace('_', ' ')}; only failed, timed-out, uncertain or cancelled cells can be re-run`)
        }
        primaries.set(cell.sameAs ?? cell.index, cell.jobId)
      }
      // Cells put back in line reserve their images again: all of them fit the budget, or none is re-run.
      await gate(async () => {
        const again: { index: number; jobId: string | null }[] = []
        for (const [index, jobId] of primaries) {
          // A failed download is fetched again (the job service's own policy): nothing is regenerated.
          const downloadFailed = comparison.cells[index]!.error?.code === 'download'
          if (downloadFailed && jobId) await jobs.retry(jobId)
          else again.push({ index, jobId })
        }
        await repo.requeue(id, again, Date.now())
      })
      await feeder.kick()
      return find(id)
    },

    /** The grid as a labelled PNG: one Z page, or all of them stacked. */
    async exportPng(id: string, z: number | 'all', order?: string): Promise<Buffer> {
      const comparison = await find(id)
      const pages = comparison.spec.axes[parseOrder(order)[2]]?.values.length ?? 1
      if (z !== 'all' && z >= pages) throw new Invalid(`z must be "all" or a page from 0 to ${pages - 1}`, { z: 'no such page' })
      const ids = comparison.cells.flatMap((c) => (c.image ? [c.image.id] : []))
      const names = new Map((await data.jobs.imagesWithJobs([...new Set(ids)])).map((r) => [r.image.id, r.image.thumbName]))
      const thumb = async (imageId: string) => {
        const name = names.get(imageId)
        return name ? readThumb(name) : null
      }
      return renderComparisonPng(comparison, { z, order: parseOrder(order), thumb })
    },

    /** Images by id, in the order asked, for the side-by-side view. */
    async images(ids: string[]) {
      const rows = new Map((await data.jobs.imagesWithJobs(ids)).map((r) => [r.image.id, r]))
      return ids.flatMap((id) => {
        const row = rows.get(id)
        return row ? [presentImage(row.image, row.job)] : []
      })
    },

    /** Creates the jobs of cells left pending when the server stopped. Call after the runner resumes. */
    resume: () => feeder.kick(),
    stop: () => feeder.stop(),
  }
}

export type CompareService = ReturnType<typeof createCompareService>
