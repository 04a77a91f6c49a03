// The simulator's job store. A job's status is computed from its creation time and timing, never
// advanced by timers, so it survives restarts when the store is persisted (an append-only log).
import { randomBytes, randomInt } from 'node:crypto'
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import { MODEL_IDS, MODELS, SEED_MAX, type ModelId } from '../../shared/catalogue'
import type { GenerateRequest } from './validate'

const OUTCOMES = ['COMPLETED', 'FAILED', 'ERROR'] as const

const jobSchema = z.object({
  requestId: z.string(),
  model: z.enum(MODEL_IDS),
  prompt: z.string(),
  seed: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  format: z.enum(['jpeg', 'png', 'webp']),
  numImages: z.number().int(),
  /** Absent in state files from before pictures depended on them: the model's defaults then. */
  steps: z.number().optional(),
  guidance: z.number().nullable().optional(),
  syncMode: z.boolean(),
  /** How the job ends, decided at creation from the prompt. */
  outcome: z.enum(OUTCOMES),
  error: z.string().nullable(),
  createdAt: z.number(),
  queuedMs: z.number(),
  processingMs: z.number(),
  /** Origin the job was submitted on, for webhook payloads sent outside any request. */
  origin: z.string(),
  webhookUrl: z.string().nullable(),
  webhookSent: z.boolean(),
  costMicros: z.number().int(),
  refunded: z.boolean(),
})
export type Job = z.infer<typeof jobSchema>
export type Outcome = Job['outcome']
export type Phase = 'QUEUED' | 'PROCESSING' | Outcome

export type PhaseAt = { status: Phase; updatedAt: number; completedAt: number | null }

/** Where a job stands at a moment. */
export function phaseAt(job: Job, now: number): PhaseAt {
  const started = job.createdAt + job.queuedMs
  const finished = started + job.processingMs
  if (now < started) return { status: 'QUEUED', updatedAt: job.createdAt, completedAt: null }
  if (now < finished) return { status: 'PROCESSING', updatedAt: started, completedAt: null }
  return { status: job.outcome, updatedAt: finished, completedAt: finished }
}

export const finishesAt = (job: Job) => job.createdAt + job.queuedMs + job.processingMs

/** A UUID v7 (time-ordered), like the gateway's `019d…` ids. */
export function uuidV7(ms: number): string {
  const b = randomBytes(16)
  b.writeUIntBE(Math.max(0, Math.floor(ms)) % 2 ** 48, 0, 6)
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x70
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

export const SAFETY_ERROR = 'Prompt failed safety check. Please refine your input.'
export const SYSTEM_ERROR = 'Internal server error during generation'

/** How a job will end, decided from its prompt: `[sim-error]` → ERROR, the word "nsfw" → FAILED. */
function outcomeOf({ prompt, safetyChecker }: GenerateRequest): Pick<Job, 'outcome' | 'error'> {
  if (prompt.includes('[sim-error]')) return { outcome: 'ERROR', error: SYSTEM_ERROR }
  if (safetyChecker && /\bnsfw\b/i.test(prompt)) return { outcome: 'FAILED', error: SAFETY_ERROR }
  return { outcome: 'COMPLETED', error: null }
}

/** A freshly accepted job. Without a seed in the request, one is picked now and kept. */
export function newJob(input: {
  model: ModelId
  request: GenerateRequest
  createdAt: number
  timing: { queuedMs: number; processingMs: number }
  origin: string
  webhookUrl: string | null
  costMicros: number
  /** An ending forced by the control handle or a CLI pattern, instead of the prompt keywords. */
  forced?: Pick<Job, 'outcome' | 'error'> | null
}): Job {
  const { model, request, createdAt } = input
  return {
    requestId: `${MODELS[model].endpointId}_${uuidV7(createdAt)}`,
    model,
    prompt: request.prompt,
    seed: request.seed ?? randomInt(0, SEED_MAX + 1),
    width: request.width,
    height: request.height,
    format: request.format,
    numImages: request.numImages,
    steps: request.steps,
    guidance: request.guidance,
    syncMode: request.syncMode,
    ...(input.forced ?? outcomeOf(request)),
    createdAt,
    queuedMs: input.timing.queuedMs,
    processingMs: input.timing.processingMs,
    origin: input.origin,
    webhookUrl: input.webhookUrl,
    webhookSent: false,
    costMicros: input.costMicros,
    refunded: false,
  }
}

export type JobStore = {
  get(requestId: string): Job | undefined
  all(): Job[]
  add(job: Job): void
  update(requestId: string, patch: Partial<Job>): Job | undefined
}

const lineSchema = z.union([
  /** A snapshot: the whole store (the first line after a compaction, or an older state file). */
  z.object({ jobs: z.array(jobSchema) }),
  z.object({ add: jobSchema }),
  z.object({ update: z.string(), patch: jobSchema.partial() }),
])

/**
 * Replays the log. A torn last line (a crash mid-append) is cut off; any other bad line is an error.
 * Returns how many lines were read, to decide on compaction.
 */
function load(path: string, jobs: Map<string, Job>): number {
  if (!existsSync(path)) return 0
  const text = readFileSync(path, 'utf8')
  const lines = text.split('\n')
  let count = 0
  let offset = 0
  for (const [i, line] of lines.entries()) {
    const start = offset
    offset += Buffer.byteLength(line) + 1
    if (!line) continue
    let parsed: z.ZodSafeParseResult<z.infer<typeof lineSchema>>
    try {
      parsed = lineSchema.safeParse(JSON.parse(line))
    } catch (err) {
      if (lines.slice(i + 1).every((l) => !l)) {
        truncateSync(path, start)
        break
      }
      throw new Error(`Simulator state file ${path} is not valid at line ${i + 1}: ${(err as Error).message}`)
    }
    if (!parsed.success) throw new Error(`Simulator state file ${path} is not valid at line ${i + 1}: ${parsed.error.message}`)
    count++
    const entry = parsed.data
    if ('jobs' in entry) for (const job of entry.jobs) jobs.set(job.requestId, job)
    else if ('add' in entry) jobs.set(entry.add.requestId, entry.add)
    else {
      const job = jobs.get(entry.update)
      if (job) jobs.set(entry.update, { ...job, ...entry.patch })
    }
  }
  // An older version wrote one JSON object with no newline: appends start on a fresh line.
  if (count > 0 && !readFileSync(path, 'utf8').endsWith('\n')) appendFileSync(path, '\n')
  return count
}

/**
 * In-memory jobs, persisted to `statePath` as an append-only log of JSON lines: one short line per
 * change, so a change costs the same at 10 jobs and at 100,000. At start the log is replayed and, if
 * it has grown well past one line per job, rewritten as one snapshot line (tmp file + rename).
 */
export function createJobStore(statePath?: string): JobStore {
  const jobs = new Map<string, Job>()
  if (statePath) {
    const lines = load(statePath, jobs)
    if (lines > 2 * jobs.size + 100) {
      const tmp = `${statePath}.${process.pid}.tmp`
      writeFileSync(tmp, `${JSON.stringify({ jobs: [...jobs.values()] })}\n`)
      renameSync(tmp, statePath)
    }
  }

  const append = (line: z.infer<typeof lineSchema>) => {
    if (!statePath) return
    mkdirSync(dirname(statePath), { recursive: true })
    appendFileSync(statePath, `${JSON.stringify(line)}\n`)
  }

  return {
    get: (requestId) => jobs.get(requestId),
    all: () => [...jobs.values()],
    add(job) {
      jobs.set(job.requestId, job)
      append({ add: job })
    },
    update(requestId, patch) {
      const job = jobs.get(requestId)
      if (!job) return undefined
      const next = { ...job, ...patch }
      jobs.set(requestId, next)
      append({ update: requestId, patch })
      return next
    },
  }
}
