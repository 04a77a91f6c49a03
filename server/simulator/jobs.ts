// The simulator's job store. A job's status is computed from its creation time and timing, never
// advanced by timers, so it survives restarts when the store is persisted to a JSON file.
import { randomBytes, randomInt } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
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

const stateFileSchema = z.object({ jobs: z.array(jobSchema) })

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

function load(path: string): Job[] {
  if (!existsSync(path)) return []
  const parsed = stateFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')))
  if (!parsed.success) throw new Error(`Simulator state file ${path} is not valid: ${parsed.error.message}`)
  return parsed.data.jobs
}

/** In-memory jobs, written through to `statePath` (tmp file + rename) after every change. */
export function createJobStore(statePath?: string): JobStore {
  const jobs = new Map<string, Job>()
  if (statePath) for (const job of load(statePath)) jobs.set(job.requestId, job)

  const save = () => {
    if (!statePath) return
    mkdirSync(dirname(statePath), { recursive: true })
    const tmp = `${statePath}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify({ jobs: [...jobs.values()] }))
    renameSync(tmp, statePath)
  }

  return {
    get: (requestId) => jobs.get(requestId),
    all: () => [...jobs.values()],
    add(job) {
      jobs.set(job.requestId, job)
      save()
    },
    update(requestId, patch) {
      const job = jobs.get(requestId)
      if (!job) return undefined
      const next = { ...job, ...patch }
      jobs.set(requestId, next)
      save()
      return next
    },
  }
}
