// Helpers for talking to a running simulator over real HTTP.
import { afterEach } from 'vitest'
import type { FaultRoute } from '../../../server/simulator/faults'
import { startSimulator } from '../../../server/simulator/serve'

export const KEY = 'test-key'
export const PATHS = {
  'ernie-image-turbo': '/ernie-image-turbo/v1/ernie-image-turbo-request',
  'ernie-image': '/ernie-image/v1/ernie-image-request',
  'z-image-turbo': '/z-image-turbo-834/v1/z-image-turbo-request',
} as const
export const LEGACY_PATH = '/z-image-turbo-834/v1/z-image-turbo-request-result'

/** A clock the test moves by hand, so phase boundaries are exact. */
export function manualClock(start = Date.UTC(2026, 0, 1)) {
  let t = start
  return { now: () => t, advance: (ms: number) => void (t += ms) }
}

// Response bodies are read loosely: the assertions are what check their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = Record<string, any>

type Running = Awaited<ReturnType<typeof startSimulator>>
const running: Running[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()))
})

/** Starts a simulator on an ephemeral port; it is closed after the test. */
export async function start(options: Partial<Parameters<typeof startSimulator>[0]> = {}) {
  const sim = await startSimulator({ apiKey: KEY, port: 0, timing: { queuedMs: 50, processingMs: 50 }, ...options })
  running.push(sim)
  return sim
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Ocp-Apim-Subscription-Key': KEY, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, headers: res.headers, body: (await res.json()) as Body }
}

export async function get(url: string, headers: Record<string, string> = { 'Ocp-Apim-Subscription-Key': KEY }) {
  const res = await fetch(url, { headers })
  return { status: res.status, headers: res.headers, body: (await res.json()) as Body }
}

/** Submits a generate request and returns its request_id. */
export async function submit(origin: string, model: keyof typeof PATHS, body: Record<string, unknown>, headers = {}) {
  const res = await post(origin + PATHS[model], body, headers)
  if (res.status >= 300) throw new Error(`submit failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.request_id as string
}

export const status = (origin: string, id: string) => get(`${origin}/v2/requests/status/${id}`)

/** Polls the status until it is final; the deadline only bounds a failure (the first answer renders the image, slow on a busy machine). */
export async function settled(origin: string, id: string) {
  const deadline = Date.now() + 60_000
  for (;;) {
    const res = await status(origin, id)
    if (!['QUEUED', 'PROCESSING'].includes(res.body.status)) return res.body
    if (Date.now() > deadline) throw new Error(`job ${id} still ${res.body.status}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

export async function download(url: string) {
  const res = await fetch(url)
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) }
}

/** The raw answer, for bodies that are not (valid) JSON. */
export async function raw(url: string, init: RequestInit = {}) {
  const res = await fetch(url, init)
  return { status: res.status, headers: res.headers, text: await res.text() }
}

/** How a request that should fail failed: the error's name and message and its cause's code (undici wraps socket errors). */
export async function rejection(request: Promise<unknown>) {
  try {
    await request
  } catch (error) {
    const { name, message, cause } = error as Error & { cause?: { code?: string } }
    return { name, message, code: cause?.code }
  }
  throw new Error('expected the request to fail')
}

/** A job that has completed, so every route (status, legacy, media) has something to answer about. */
export async function completedJob(origin: string) {
  const id = await submit(origin, 'z-image-turbo', { prompt: 'a lantern', image_size: 'square' })
  const done = await settled(origin, id)
  return { id, mediaUrl: done.output.media_url[0] as string }
}

/** One request to a fault route about a completed job (generate submits a fresh prompt). */
export function requestOn(route: FaultRoute, origin: string, job: { id: string; mediaUrl: string }, init: RequestInit = {}) {
  const json = { 'Ocp-Apim-Subscription-Key': KEY, 'Content-Type': 'application/json' }
  switch (route) {
    case 'generate':
      return fetch(origin + PATHS['z-image-turbo'], { method: 'POST', headers: json, body: JSON.stringify({ prompt: 'another lantern' }), ...init })
    case 'status':
      return fetch(`${origin}/v2/requests/status/${job.id}`, { headers: { 'Ocp-Apim-Subscription-Key': KEY }, ...init })
    case 'legacy':
      return fetch(origin + LEGACY_PATH, { method: 'POST', headers: json, body: JSON.stringify({ request_id: job.id }), ...init })
    case 'media':
      return fetch(job.mediaUrl, init)
  }
}
