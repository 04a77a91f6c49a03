import { useMutation, useQuery } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import type * as React from 'react'
import { flushSync } from 'react-dom'
import { MODEL_IDS, MODELS, PARAM_NAMES, type ParamName, type ParamSpec } from '../../../shared/catalogue'
import { validateParams, type FieldErrors } from '../../../shared/params'
import { ApiError } from '../../queries/client'
import { jobMutations } from '../../queries/jobs'
import { settingsQueries } from '../../queries/settings'
import { Button } from '../../components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card'
import { CostEstimate } from './cost-estimate'
import { draftToParams, errorsByField, initialDraft, switchModel, type FieldValue } from './draft'
import { ModelField } from './model-field'
import { ParamField } from './param-field'
import { SeedField } from './seed-field'
import { SizeField } from './size-field'

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/** The playground form, built field by field from the model catalogue. */
export function GenerateForm() {
  const [draft, setDraft] = useState(() => initialDraft(MODEL_IDS[0]))
  const [errors, setErrors] = useState<FieldErrors>({})
  const formRef = useRef<HTMLFormElement>(null)
  const settings = useQuery(settingsQueries.get())
  const create = useMutation(jobMutations.create())
  const model = MODELS[draft.model]
  const served = settings.data?.models.find((m) => m.id === draft.model)
  const price = served ? served.pricePerImageUsd : model.pricePerImageUsd

  function showErrors(next: FieldErrors) {
    flushSync(() => setErrors(next))
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }

  function submit() {
    if (create.isPending) return
    const checked = validateParams(draft.model, draftToParams(draft))
    if (!checked.ok) {
      create.reset()
      return showErrors(checked.errors)
    }
    setErrors({})
    create.mutate(
      { model: draft.model, params: checked.params },
      { onError: (error) => error instanceof ApiError && showErrors(errorsByField(draft.model, error.fields)) },
    )
  }

  function edit(field: string, change: (d: typeof draft) => typeof draft) {
    setDraft(change)
    if (!errors[field]) return
    setErrors((current) => {
      const next = { ...current }
      delete next[field]
      return next
    })
  }
  const setValue = (name: ParamName, value: FieldValue) =>
    edit(name, (d) => ({ ...d, values: { ...d.values, [name]: value } }))

  function render(name: ParamName, spec: ParamSpec) {
    const error = errors[name]
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
  const group = (...kinds: ParamSpec['kind'][]) =>
    params.filter((p) => kinds.includes(p.spec.kind)).map((p) => render(p.name, p.spec))

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      submit()
    }
  }

  return (
    <Card aria-labelledby="generate-title">
      <CardHeader className="flex-col items-start gap-1">
        <CardTitle id="generate-title">Create</CardTitle>
        <CardDescription>Fields, defaults and limits follow the selected model.</CardDescription>
      </CardHeader>
      <form
        ref={formRef}
        noValidate
        aria-labelledby="generate-title"
        onKeyDown={onKeyDown}
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <CardContent className="grid gap-5">
          <ModelField
            value={draft.model}
            error={errors.model}
            onChange={(next) => {
              setDraft((d) => switchModel(d, next))
              setErrors({})
            }}
          />
          {group('text')}
          {group('size')}
          <div className="grid grid-cols-2 gap-x-3 gap-y-5">{group('int', 'float', 'enum')}</div>
          {group('seed')}
          <div className="grid gap-1 rounded-lg border border-border bg-background/40 px-3 py-2">{group('bool')}</div>
          {create.isError && (
            <div role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
              <p className="font-medium">{create.error.message}</p>
              {errors._ && <p className="mt-1">{errors._}</p>}
            </div>
          )}
        </CardContent>
        <div className="sticky bottom-0 flex items-center justify-between gap-3 rounded-b-xl border-t border-border bg-card/95 px-5 py-3 backdrop-blur">
          <CostEstimate modelName={model.displayName} pricePerImageUsd={price} numImages={Number(draft.values.num_images)} />
          <div className="flex items-center gap-3">
            <kbd className="hidden whitespace-nowrap rounded border border-border px-1.5 py-0.5 font-mono text-[11px] text-muted-foreground sm:inline">
              {isMac ? '⌘' : 'Ctrl'} ↵
            </kbd>
            <Button type="submit" size="lg" disabled={create.isPending} aria-busy={create.isPending || undefined}>
              Generate
            </Button>
          </div>
        </div>
        <p aria-live="polite" className="sr-only">
          {create.isSuccess ? `Job submitted to ${MODELS[create.data.model].displayName}.` : ''}
        </p>
      </form>
    </Card>
  )
}
