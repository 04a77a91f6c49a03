// When to ask the gateway about each running job. Durations are learned per model, size, steps and
// image count from jobs already run (log-normal, shrunk towards per-model priors); each job's next
// look is put where the chance that it finished since the last look reaches a threshold, so polls are
// sparse early, dense around the expected finish and back off after. All jobs share one budget of
// polls per second; when they want more, the threshold rises, so the budget goes to the jobs most
// likely to be done. The formula and the lag it bounds: docs/decisions/015-poll-scheduling.md.
import type { ModelId } from '../../shared/catalogue'

export type DurationPrior = { medianMs: number; sigma: number }

/** Guesses before any job has run; the first few real jobs quickly outweigh them. */
export const DURATION_PRIORS: Record<ModelId, DurationPrior> = {
  'z-image-turbo': { medianMs: 3000, sigma: 0.6 },
  'ernie-image-turbo': { medianMs: 4000, sigma: 0.6 },
  'ernie-image': { medianMs: 20_000, sigma: 0.7 },
}

export type PollSchedulerOptions = {
  /** Status requests per second all jobs may share (keep headroom for submits under the gateway limit). */
  pollsPerSecond: number
  now?: () => number
  minGapMs?: number
  maxGapMs?: number
  /** The chance of having finished since the last look at which a job is looked at again. */
  threshold?: number
  priors?: Record<ModelId, DurationPrior>
}

type Fit = { mu: number; sigma: number }
type Tracked = { key: string; model: ModelId; submittedAt: number; lastLook: number; slot: number | null; rate: number }

/** The densest a single job is looked at, around its likely finish: half of it is the mean lag. */
export const MIN_GAP_MS = 200
/**
 * The chance of having finished since the last look that earns the next look, when the budget is
 * not crowded. Replayed over the latency bench's durations (1.2–5 s under one key): 0.12 with 250 ms
 * gaps found jobs 146 ms (p50) / 380 ms (max) after they finished with 8.4 looks each; 0.08 with
 * 200 ms gaps finds them 123 / 256 ms after with 10.6 looks (decision 015).
 */
export const BASE_THRESHOLD = 0.08
const PSEUDO_COUNT = 2
const KEEP = 16
const MIN_SIGMA = 0.08

/** The learning key: durations depend on the model, the pixels, the steps and the image count. */
export function durationKey(model: string, params: Record<string, unknown>): string {
  const size = params.image_size
  const pixels =
    typeof size === 'object' && size !== null
      ? `${(size as Record<string, unknown>).width}x${(size as Record<string, unknown>).height}`
      : String(size ?? '')
  return `${model}|${pixels}|${String(params.num_inference_steps ?? '')}|${String(params.num_images ?? 1)}`
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, error < 1.5e-7). */
function phi(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x)
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}

const cdf = (fit: Fit, ms: number) => (ms <= 0 ? 0 : phi((Math.log(ms) - fit.mu) / fit.sigma))

function fitOf(samples: number[], parent: Fit): Fit {
  const n = samples.length
  if (n === 0) return parent
  const logs = samples.map(Math.log)
  const mean = logs.reduce((a, b) => a + b, 0) / n
  const variance = logs.reduce((a, b) => a + (b - mean) ** 2, 0) / n
  const mu = (PSEUDO_COUNT * parent.mu + n * mean) / (PSEUDO_COUNT + n)
  const spread =
    (PSEUDO_COUNT * parent.sigma ** 2 + n * variance + ((PSEUDO_COUNT * n) / (PSEUDO_COUNT + n)) * (mean - parent.mu) ** 2) / (PSEUDO_COUNT + n)
  return { mu, sigma: Math.max(MIN_SIGMA, Math.sqrt(spread)) }
}

export function createPollScheduler(options: PollSchedulerOptions) {
  const now = options.now ?? Date.now
  const minGap = options.minGapMs ?? MIN_GAP_MS
  const maxGap = options.maxGapMs ?? 5000
  const baseThreshold = options.threshold ?? BASE_THRESHOLD
  const spacing = 1000 / options.pollsPerSecond
  const priors = options.priors ?? DURATION_PRIORS
  const byKey = new Map<string, number[]>()
  const byModel = new Map<string, number[]>()
  const jobs = new Map<string, Tracked>()

  const remember = (map: Map<string, number[]>, key: string, ms: number) => {
    const list = map.get(key) ?? []
    list.push(ms)
    if (list.length > KEEP) list.shift()
    map.set(key, list)
  }

  function fit(model: ModelId, key: string): Fit {
    const prior = priors[model]
    const modelFit = fitOf(byModel.get(model) ?? [], { mu: Math.log(prior.medianMs), sigma: prior.sigma })
    return fitOf(byKey.get(key) ?? [], modelFit)
  }

  /** Smallest wait after the last look at which P(finished since then | not before) ≥ q. */
  function desiredGap(job: Tracked, q: number, at: number): number {
    const f = fit(job.model, job.key)
    const since = at - job.submittedAt
    const before = cdf(f, since)
    if (1 - before < 1e-6) return maxGap
    const target = before + q * (1 - before)
    // Past the 90th percentile the fit was wrong for this job: back off by half the time overdue.
    const overdue = since - Math.exp(f.mu + 1.2816 * f.sigma)
    let lo = Math.min(maxGap, Math.max(minGap, overdue / 2))
    let hi = maxGap
    if (cdf(f, since + lo) >= target) return lo
    if (cdf(f, since + hi) < target) return hi
    for (let i = 0; i < 24; i++) {
      const mid = (lo + hi) / 2
      if (cdf(f, since + mid) >= target) hi = mid
      else lo = mid
    }
    return Math.round(hi)
  }

  /** The first moment ≥ at that is `spacing` away from every other job's booked look. */
  function book(id: string, at: number): number {
    const taken = [...jobs.entries()].flatMap(([other, j]) => (other !== id && j.slot !== null ? [j.slot] : [])).sort((a, b) => a - b)
    let t = at
    for (const slot of taken) if (slot > t - spacing && slot < t + spacing) t = slot + spacing
    return t
  }

  /** How hard all jobs are asking, over the budget: the threshold grows with it. */
  function threshold(): number {
    const demand = [...jobs.values()].reduce((sum, j) => sum + j.rate, 0)
    return Math.min(0.9, baseThreshold * Math.max(1, demand / options.pollsPerSecond))
  }

  return {
    /**
     * Milliseconds from now until the job's next status check. Call after each look (and right after
     * the submit, with `submittedAt` = now); it books the slot.
     */
    nextDelay(id: string, job: { model: ModelId; key: string; submittedAt: number }): number {
      const at = now()
      const tracked: Tracked = jobs.get(id) ?? { ...job, lastLook: at, slot: null, rate: 0 }
      tracked.lastLook = at
      tracked.slot = null
      jobs.set(id, tracked)
      const gap = desiredGap(tracked, threshold(), at)
      tracked.rate = 1000 / gap
      tracked.slot = book(id, at + gap)
      return tracked.slot - at
    },

    /** The job was seen finished now: learn its duration (between the last two looks) and drop it. */
    finished(id: string) {
      const job = jobs.get(id)
      jobs.delete(id)
      if (!job) return
      const at = now()
      const ms = Math.max(1, (job.lastLook + at) / 2 - job.submittedAt)
      remember(byKey, job.key, ms)
      remember(byModel, job.model, ms)
    },

    /** The job left polling for another reason (failed, webhook, stop). */
    forget: (id: string) => void jobs.delete(id),

    /** The median duration expected for a key, for logs, benches and tests. */
    expectedMs: (model: ModelId, key: string) => Math.round(Math.exp(fit(model, key).mu)),
  }
}

export type PollScheduler = ReturnType<typeof createPollScheduler>
