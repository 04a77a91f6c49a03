import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import type * as React from 'react'
import { flushSync } from 'react-dom'
import { MODEL_IDS, MODELS, PARAM_NAMES, type ParamName, type ParamSpec } from '../../../shared/catalogue'
import type { FieldErrors } from '../../../shared/params'
import { settingsQueries } from '../../queries/settings'
import { Button } from '../../components/ui/button'
import { RunsField } from '../../components/queue/runs-field'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card'
import { cn } from '../../lib/cn'
import { useFormHandoff } from '../../lib/form-handoff'
import { BatchPreview, ConfirmBatch } from './batch-preview'
import { CostEstimate } from './cost-estimate'
import { FileBatch } from './file-batch'
import { LibraryPanel } from './library-panel'
import { draftFromParams, draftToParams, initialDraft, switchModel, type Draft, type FieldValue } from './draft'
import { applyPreset } from './apply-preset'
import { ModelField } from './model-field'
import { PresetBar } from './preset-bar'
import { ParamField } from './param-field'
import { PromptField } from './prompt-field'
import { useImageDrop } from './use-image-drop'
import { pastedParameters } from './paste-parameters'
import { loadParamsCheck, withParamsCheck } from './params-check'
import { SeedField } from './seed-field'
import { SizeField } from './size-field'
import { SubmitStatus } from './submit-status'
import { useSubmitPlan } from './use-submit-plan'

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/** The playground form, built field by field from the model catalogue. */
export function GenerateForm() {
  const [draft, setDraft] = useState(() => initialDraft(MODEL_IDS[0]))
  const [errors, setErrors] = useState<FieldErrors>({})
  const formRef = useRef<HTMLFormElement>(null)
  const settings = useQuery(settingsQueries.get())
  const model = MODELS[draft.model]
  const served = settings.data?.models.find((m) => m.id === draft.model)
  const price = served ? served.pricePerImageUsd : model.pricePerImageUsd
  const [notice, setNotice] = useState<string | null>(null)

  /** Shows what was refused and moves focus to the first field that is wrong. */
  function showErrors(next: FieldErrors) {
    flushSync(() => setErrors(next))
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }

  const submission = useSubmitPlan({
    draft,
    pricePerImageUsd: price,
    showErrors,
    clearErrors: () => setErrors({}),
    focusRuns: () => formRef.current?.querySelector<HTMLElement>('input[name="runs"]')?.focus(),
  })
  const { batch } = submission
  useEffect(() => void loadParamsCheck(), [])

  /** Replaces the whole form, e.g. with an image's parameters. */
  function restore(next: Draft, message: string) {
    setDraft(next)
    setErrors({})
    submission.reset()
    setNotice(message)
  }
  const drop = useImageDrop((embedded) => restore(draftFromParams(embedded.model, embedded.params), ''))
  useFormHandoff((handoff) => {
    drop.dismiss()
    // "Vary" from the stage below the form (on a phone) must show the form it just filled.
    formRef.current?.scrollIntoView?.({ block: 'nearest' })
    if (handoff.kind === 'parameters') {
      restore(draftFromParams(handoff.model, handoff.params), `Every parameter of that ${MODELS[handoff.model].displayName} image is in the form.`)
    } else {
      setDraft((d) => ({ ...d, seed: { random: false, value: String(handoff.seed) } }))
      setNotice(`Seed ${handoff.seed} is in the form.`)
    }
  })

  function edit(field: string, change: (d: typeof draft) => typeof draft) {
    setDraft(change)
    if (!errors[field]) return
    setErrors((current) => {
      const next = { ...current }
      delete next[field]
      return next
    })
  }
  const setValue = (name: ParamName, value: FieldValue) => edit(name, (d) => ({ ...d, values: { ...d.values, [name]: value } }))

  function render(name: ParamName, spec: ParamSpec) {
    const error = errors[name]
    if (name === 'prompt' && spec.kind === 'text') {
      return (
        <PromptField
          key={name}
          spec={spec}
          value={typeof draft.values.prompt === 'string' ? draft.values.prompt : ''}
          error={error}
          onChange={(v) => setValue(name, v)}
          onPasteText={(text) => {
            const pasted = pastedParameters(text, draft.model)
            if (pasted) restore(pasted.draft, pasted.message)
            return pasted !== null
          }}
          onPickHistory={(entry) =>
            edit(name, (d) => ({
              ...d,
              values: {
                ...d.values,
                prompt: entry.prompt,
                ...(entry.negativePrompt !== null && 'negative_prompt' in d.values ? { negative_prompt: entry.negativePrompt } : {}),
              },
            }))
          }
        />
      )
    }
    switch (spec.kind) {
      case 'size':
        return <SizeField key={name} spec={spec} value={draft.size} error={error} onChange={(size) => edit(name, (d) => ({ ...d, size }))} />
      case 'seed':
        return <SeedField key={name} spec={spec} value={draft.seed} error={error} onChange={(seed) => edit(name, (d) => ({ ...d, seed }))} />
      default:
        return <ParamField key={name} name={name} spec={spec} value={draft.values[name]} error={error} onChange={(v) => setValue(name, v)} />
    }
  }
  const params = PARAM_NAMES.flatMap((name) => {
    const spec = model.params[name]
    return spec ? [{ name, spec }] : []
  })
  const group = (...kinds: ParamSpec['kind'][]) => params.filter((p) => kinds.includes(p.spec.kind)).map((p) => render(p.name, p.spec))

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      submission.submit()
    }
  }

  const status = drop.result ?? (notice ? { ok: true, message: notice } : null)
  return (
    <Card aria-labelledby="generate-title" className="relative" {...drop.dropProps}>
      {drop.over && (
        <div className="pointer-events-none absolute inset-0 z-20 grid justify-items-center rounded-xl border-2 border-dashed border-primary bg-background/85 p-6 pt-40 text-center backdrop-blur-sm">
          <p className="text-sm font-medium">Drop an image to restore its parameters</p>
        </div>
      )}
      <CardHeader className="flex-col items-start gap-1">
        <CardTitle id="generate-title">Create</CardTitle>
        <CardDescription>Fields, defaults and limits follow the selected model. Drop a Darkroom image here to reuse its settings.</CardDescription>
      </CardHeader>
      {status?.message && (
        <div
          role="status"
          className={cn(
            'mx-5 mt-4 flex items-start gap-2 rounded-md border px-3 py-2 text-sm',
            status.ok ? 'border-success/30 bg-success/10 text-success' : 'border-warning/30 bg-warning/10 text-warning',
          )}
        >
          <span className="flex-1">{status.message}</span>
          <button
            type="button"
            aria-label="Dismiss"
            className="cursor-pointer text-current/70 hover:text-current"
            onClick={() => {
              drop.dismiss()
              setNotice(null)
            }}
          >
            ×
          </button>
        </div>
      )}
      <form
        ref={formRef}
        noValidate
        aria-labelledby="generate-title"
        onKeyDown={onKeyDown}
        onSubmit={(event) => {
          event.preventDefault()
          submission.submit()
        }}
      >
        <CardContent className="grid gap-5">
          <PresetBar
            model={draft.model}
            currentParams={() => draftToParams(draft)}
            onApply={(preset) =>
              restore(
                applyPreset(draft, preset),
                `Preset "${preset.name}" applied: its model and settings are in the form, the prompt and seed kept.`,
              )
            }
          />
          <ModelField
            value={draft.model}
            error={errors.model}
            onChange={(next) => {
              withParamsCheck((check) => {
                setDraft((d) => switchModel(d, next, check))
                setErrors({})
              })
            }}
          />
          {group('text')}
          {batch.plan && <BatchPreview plan={batch.plan} mode={batch.mode} onModeChange={batch.setMode} />}
          <FileBatch model={draft.model} base={() => draftToParams(draft)} pricePerImageUsd={price} />
          {group('size')}
          <div className="grid grid-cols-2 gap-x-3 gap-y-5">{group('int', 'float', 'enum')}</div>
          {group('seed')}
          <div className="grid gap-1 rounded-lg border border-border bg-background/40 px-3 py-2">{group('bool')}</div>
          <LibraryPanel />
          {submission.sent.isError && (
            <div role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
              <p className="font-medium">{submission.sent.error.message}</p>
              {errors._ && <p className="mt-1">{errors._}</p>}
            </div>
          )}
        </CardContent>
        <div className="sticky bottom-0 flex flex-wrap items-center justify-between gap-x-3 gap-y-1 rounded-b-xl border-t border-border bg-card px-5 py-3">
          <CostEstimate modelName={model.displayName} pricePerImageUsd={price} numImages={submission.images} />
          <div className="flex items-center gap-3">
            {!batch.plan && <RunsField value={submission.runsText} onChange={submission.setRunsText} />}
            <kbd className="hidden whitespace-nowrap rounded border border-border px-1.5 py-0.5 font-mono text-[11px] text-muted-foreground sm:inline">
              {isMac ? '⌘' : 'Ctrl'} ↵
            </kbd>
            <Button type="submit" size="lg" disabled={submission.sent.isPending} aria-busy={submission.sent.isPending || undefined}>
              {submission.label}
            </Button>
          </div>
          <SubmitStatus create={submission.sent} />
        </div>
        <p aria-live="polite" className="sr-only">
          {submission.announcement}
        </p>
        {submission.confirm && (
          <ConfirmBatch
            plan={submission.confirm.plan}
            threshold={submission.confirm.threshold}
            onCancel={submission.cancelConfirm}
            onConfirm={() => submission.submit(true)}
          />
        )}
      </form>
    </Card>
  )
}
