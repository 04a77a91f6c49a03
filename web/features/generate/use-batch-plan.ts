import { useQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { planBatch, type BatchPlan } from '../../../shared/batch-plan'
import { SEED_MAX } from '../../../shared/catalogue'
import { isTemplate } from '../../../shared/dynamic-prompts'
import { presetQueries } from '../../queries/presets'
import { drawCount, type BatchMode } from './batch-preview'

const newSeed = () => Math.floor(Math.random() * SEED_MAX)

/**
 * The batch a prompt makes when it uses the dynamic syntax, counted and priced with the same code
 * the server expands it with; null for a plain prompt. Random draws use a seed the server is sent,
 * so the prompts previewed are the prompts made; it changes after each submit.
 */
export function useBatchPlan(prompt: string, numImages: number, pricePerImageUsd: number | null) {
  const lists = useQuery(presetQueries.lists())
  const [mode, setMode] = useState<BatchMode>({ kind: 'all' })
  const [seed, setSeed] = useState(newSeed)
  const templated = isTemplate(prompt)
  const plan = useMemo((): BatchPlan | null => {
    if (!templated) return null
    const count = mode.kind === 'random' ? drawCount(mode.count) : null
    if (count && !count.ok) return { ok: false, error: { message: count.message, position: 0 } }
    const named = Object.fromEntries((lists.data?.items ?? []).map((l) => [l.name, l.entries]))
    const images = Number.isInteger(numImages) && numImages > 0 ? numImages : 1
    return planBatch(prompt, count?.ok ? { kind: 'random', count: count.count, seed } : { kind: 'all' }, {
      lists: named,
      numImages: images,
      pricePerImageUsd,
    })
  }, [templated, prompt, mode, lists.data, numImages, pricePerImageUsd, seed])
  const count = mode.kind === 'random' ? drawCount(mode.count) : null
  return {
    plan,
    mode,
    setMode,
    /** What the server is asked to do. */
    expand: count?.ok ? ({ kind: 'random', count: count.count, seed } as const) : ({ kind: 'all' } as const),
    /** New draws next time. */
    reseed: () => setSeed(newSeed()),
  }
}
