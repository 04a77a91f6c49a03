import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { planComparison } from '../../../shared/compare-plan'
import { comparisonMutations, comparisonQueries } from '../../queries/comparisons'
import { navigate } from '../../lib/navigation'
import { ComparisonEditor } from './comparison-editor'
import { buildSpec, draftFromSpec, initialEditorDraft, type EditorDraft } from './editor-draft'
import { PlanPreview } from './plan-preview'
import { RunBar } from './run-bar'
import { SavedComparisons } from './saved-comparisons'

/** `/compare`: build a comparison (or edit a copy of one, `?from=<id>`), see it, run it. */
export function ComparePage({ from }: { from: string | null }) {
  const source = useQuery({ ...comparisonQueries.detail(from ?? ''), enabled: !!from, refetchInterval: false })
  if (from && source.isPending) return <p className="p-10 text-center text-sm text-muted-foreground">Loading the comparison to copy…</p>
  return <CompareBuilder key={from ?? 'new'} initial={source.data ? draftFromSpec(source.data.spec) : initialEditorDraft()} />
}

function CompareBuilder({ initial }: { initial: EditorDraft }) {
  const [draft, setDraft] = useState(initial)
  const [confirming, setConfirming] = useState(false)
  const list = useQuery(comparisonQueries.list())
  const create = useMutation(comparisonMutations.create())
  const limits = list.data?.limits
  const built = buildSpec(draft)
  const valid = Object.keys(built.errors).length === 0
  // With no prompt yet the grid, count and cost are still shown; only running waits for one.
  const needsPrompt = !draft.prompt.trim() && !Object.values(draft.axes).some((a) => a.param === 'prompt')
  const planned = needsPrompt ? { ...built.spec, params: { ...built.spec.params, prompt: '…' } } : built.spec
  const plan = valid ? planComparison(planned, { maxImages: limits?.maxImages ?? Number.POSITIVE_INFINITY }) : null

  function run(confirm: boolean) {
    setConfirming(false)
    create.mutate({ ...built.spec, confirm }, { onSuccess: (comparison) => navigate(`/compare/${comparison.id}`) })
  }

  return (
    <div className="mx-auto grid max-w-[1600px] grid-cols-[minmax(0,1fr)] gap-6 px-4 py-6 sm:px-6 lg:grid-cols-[30rem_minmax(0,1fr)] lg:items-start">
      <div className="lg:sticky lg:top-20 lg:max-h-[calc(100dvh-8.5rem)] lg:overflow-y-auto lg:rounded-xl [scrollbar-width:thin]">
        <ComparisonEditor
          draft={draft}
          built={built}
          plan={plan}
          serverError={create.isError ? create.error.message : null}
          onChange={(update) => {
            setDraft(update)
            create.reset()
          }}
          footer={
            <RunBar
              estimate={plan?.ok ? plan.estimate : null}
              cells={plan?.ok ? plan.cells.length : 0}
              limits={limits}
              confirming={confirming}
              pending={create.isPending}
              blocked={needsPrompt ? 'Write a prompt to run it.' : null}
              onRun={run}
              onConfirming={setConfirming}
            />
          }
        />
      </div>
      <div className="grid min-w-0 gap-6">
        <PlanPreview spec={built.spec} plan={plan} />
        <SavedComparisons />
      </div>
    </div>
  )
}
