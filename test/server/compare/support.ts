// Helpers for driving comparisons over real HTTP against the real simulator.
import type { Comparison, CreateComparisonBody } from '../../../shared/compare'
import { isCellActive } from '../../../shared/compare'
import { GENERATE_PATHS } from '../../../server/simulator/paths'
import type { Stack } from '../harness'

export const THREE_MODELS = { param: 'model' as const, values: ['ernie-image-turbo', 'ernie-image', 'z-image-turbo'] }
export const STEPS_468 = { param: 'num_inference_steps' as const, values: [4, 6, 8] }

export const threeByThree = (over: Partial<CreateComparisonBody> = {}): CreateComparisonBody => ({
  model: 'ernie-image-turbo',
  params: { prompt: 'a lighthouse on a basalt cliff at dusk', guidance_scale: 5 },
  axes: { x: THREE_MODELS, y: STEPS_468 },
  ...over,
})

export async function createComparison(stack: Stack, body: CreateComparisonBody): Promise<Comparison> {
  const res = await stack.api('/api/comparisons', { method: 'POST', json: body })
  if (res.status !== 201) throw new Error(`POST /api/comparisons answered ${res.status}: ${await res.text()}`)
  return res.json()
}

export async function getComparison(stack: Stack, id: string): Promise<Comparison> {
  const res = await stack.api(`/api/comparisons/${id}`)
  if (res.status !== 200) throw new Error(`GET /api/comparisons/${id} answered ${res.status}`)
  return res.json()
}

/** Reads the comparison the way the page does (one request for all cells) until no cell is active. */
export async function settleComparison(stack: Stack, id: string, timeoutMs = 120_000): Promise<Comparison> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const comparison = await getComparison(stack, id)
    if (!comparison.cells.some((c) => isCellActive(c.state))) return comparison
    if (Date.now() > until) throw new Error(`comparison ${id} still active: ${comparison.cells.map((c) => c.state).join(', ')}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Generate requests the simulator received (one per job sent upstream). */
export const generateCalls = (stack: Stack) => stack.sim.control.requests.filter((r) => r.method === 'POST' && GENERATE_PATHS.has(r.path))
