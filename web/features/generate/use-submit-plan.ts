import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { imagesCostUsd, MODELS } from '../../../shared/catalogue'
import type { FieldErrors } from '../../../shared/params'
import { runCount } from '../../components/queue/runs-field'
import { ApiError } from '../../queries/client'
import { batchMutations, batchQueries } from '../../queries/batches'
import { jobMutations } from '../../queries/jobs'
import { draftToParams, errorsByField, type Draft } from './draft'
import { withParamsCheck, type ParamsCheck } from './params-check'
import { useBatchPlan } from './use-batch-plan'

type SubmitPlanOptions = {
  draft: Draft
  pricePerImageUsd: number | null
  /** Shows what the check or the server refused, field by field. */
  showErrors: (errors: FieldErrors) => void
  clearErrors: () => void
  /** The runs count is not one the form can send. */
  focusRuns: () => void
}

/**
 * How a submit goes out: one job, the same settings N times ("runs", one batch), or the batch a dynamic
 * prompt makes; a batch above the server's threshold waits for a confirmation first. The form lays it out.
 */
export function useSubmitPlan({ draft, pricePerImageUsd: price, showErrors, clearErrors, focusRuns }: SubmitPlanOptions) {
  const create = useMutation(jobMutations.create())
  const createBatch = useMutation(batchMutations.create())
  const limits = useQuery(batchQueries.limits())
  const [confirming, setConfirming] = useState(false)
  const prompt = typeof draft.values.prompt === 'string' ? draft.values.prompt : ''
  const numImages = Number(draft.values.num_images)
  const batch = useBatchPlan(prompt, numImages, price)
  // "N runs": the same settings N times as one batch; a dynamic prompt makes its own batch instead.
  const [runsText, setRunsText] = useState('1')
  const runs = runCount(runsText)
  const repeated = !batch.plan && runs.ok && runs.count > 1
  const runsPlan = repeated
    ? { count: runs.count, images: runs.count * numImages, costUsd: price === null ? null : imagesCostUsd(runs.count * numImages, price) }
    : null
  const confirmPlan = batch.plan?.ok ? batch.plan : runsPlan
  // The last submit's state, whichever kind it was.
  const sent = batch.plan || repeated ? createBatch : create
  const refused = (error: Error) => error instanceof ApiError && showErrors(errorsByField(draft.model, error.fields))

  function check(validateParams: ParamsCheck, confirmed: boolean) {
    if (create.isPending || createBatch.isPending) return
    if (batch.plan) return submitBatch(validateParams, confirmed)
    const checked = validateParams(draft.model, draftToParams(draft))
    if (!checked.ok) {
      create.reset()
      return showErrors(checked.errors)
    }
    clearErrors()
    if (!runs.ok) return focusRuns()
    if (runsPlan) {
      if (!confirmed && limits.data && runsPlan.images > limits.data.confirmImages) return setConfirming(true)
      setConfirming(false)
      return createBatch.mutate(
        { model: draft.model, params: checked.params, expand: { kind: 'runs', count: runsPlan.count }, ...(confirmed && { confirm: true }) },
        { onError: refused },
      )
    }
    create.mutate({ model: draft.model, params: checked.params }, { onError: refused })
  }

  /** A dynamic prompt: checked here with its first prompt, expanded again by the server, confirmed above the threshold. */
  function submitBatch(validateParams: ParamsCheck, confirmed: boolean) {
    const plan = batch.plan
    if (!plan) return
    createBatch.reset()
    if (!plan.ok) return showErrors({ prompt: plan.error.message })
    const checked = validateParams(draft.model, { ...draftToParams(draft), prompt: plan.prompts[0] })
    if (!checked.ok) return showErrors(checked.errors)
    clearErrors()
    if (!confirmed && limits.data && plan.images > limits.data.confirmImages) return setConfirming(true)
    setConfirming(false)
    createBatch.mutate(
      { model: draft.model, params: { ...checked.params, prompt }, expand: batch.expand, ...(confirmed && { confirm: true }) },
      { onSuccess: batch.reseed, onError: refused },
    )
  }

  return {
    batch,
    runsText,
    setRunsText,
    /** How many images a press makes (NaN while the prompt or the runs count is wrong). */
    images: batch.plan ? (batch.plan.ok ? batch.plan.images : NaN) : runs.ok ? runs.count * numImages : NaN,
    label: batch.plan?.ok ? `Generate ${batch.plan.count}` : runsPlan ? `Generate ×${runsPlan.count}` : 'Generate',
    sent,
    /** For screen readers: what the last submit sent. */
    announcement:
      (create.isSuccess && !batch.plan ? `Job submitted to ${MODELS[create.data.model].displayName}.` : '') +
      (createBatch.isSuccess && (batch.plan || repeated) ? `${createBatch.data.count} jobs submitted to ${MODELS[draft.model].displayName}.` : ''),
    /** The batch waiting for a yes, and the threshold it is over. */
    confirm: confirming && confirmPlan && limits.data ? { plan: confirmPlan, threshold: limits.data.confirmImages } : null,
    cancelConfirm: () => setConfirming(false),
    submit: (confirmed = false) => withParamsCheck((validateParams) => check(validateParams, confirmed)),
    /** Forgets the last submit, e.g. when the whole form is replaced. */
    reset: () => {
      create.reset()
      createBatch.reset()
    },
  }
}
