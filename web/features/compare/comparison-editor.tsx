import type * as React from 'react'
import { PROMPT_MAX_CHARS, isModelId, modelList } from '../../../shared/catalogue'
import { AXIS_KEYS, type AxisKey } from '../../../shared/compare'
import { autoTitle, type Plan } from '../../../shared/compare-plan'
import type { AxisParam } from '../../../shared/compare-axes'
import { Button } from '../../components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../components/ui/card'
import { Field } from '../../components/ui/field'
import { Input } from '../../components/ui/input'
import { Select } from '../../components/ui/select'
import { Switch } from '../../components/ui/switch'
import { Textarea } from '../../components/ui/textarea'
import { AxisEditor } from './axis-editor'
import { rollSeed, type BuiltSpec, type EditorDraft } from './editor-draft'
import { SharedParams } from './shared-params'
import { DiceIcon } from '../../components/ui/dice-icon'

type ComparisonEditorProps = {
  draft: EditorDraft
  built: BuiltSpec
  plan: Plan | null
  /** A refusal from the server, shown with the plan's own errors. */
  serverError: string | null
  onChange: (update: (draft: EditorDraft) => EditorDraft) => void
  footer: React.ReactNode
}

/** Base settings, one shared seed, and up to three axes. */
export function ComparisonEditor({ draft, built, plan, serverError, onChange, footer }: ComparisonEditorProps) {
  const onAxis = AXIS_KEYS.flatMap((k) => (draft.axes[k].param ? [draft.axes[k].param] : [])) as AxisParam[]
  const axisOf = (param: AxisParam) => AXIS_KEYS.find((k) => draft.axes[k].param === param)?.toUpperCase()
  const promptAxis = axisOf('prompt')
  const setAxis = (key: AxisKey, next: EditorDraft['axes'][AxisKey]) =>
    onChange((d) => ({ ...d, axes: { ...d.axes, [key]: next }, shared: d.shared.filter((s) => s.param !== next.param) }))
  const problems = [...(plan && !plan.ok ? plan.errors : []), ...(serverError ? [serverError] : [])]

  return (
    <Card aria-labelledby="compare-editor-title">
      <CardHeader className="flex-col items-start gap-1">
        <CardTitle id="compare-editor-title">New comparison</CardTitle>
        <CardDescription>
          One prompt across models and settings, as a labelled grid. Every cell shares one seed unless seed is an axis.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <Field id="compare-title" label="Title" hint="Optional; shown on the grid and its export.">
          {(control) => (
            <Input
              {...control}
              value={draft.title}
              placeholder={autoTitle(built.spec)}
              maxLength={200}
              onChange={(e) => onChange((d) => ({ ...d, title: e.target.value }))}
            />
          )}
        </Field>
        <Field id="compare-prompt" label="Prompt" aside={promptAxis ? `varies on ${promptAxis}` : `${draft.prompt.length} / ${PROMPT_MAX_CHARS}`}>
          {(control) => (
            <Textarea
              {...control}
              rows={3}
              value={draft.prompt}
              disabled={!!promptAxis}
              placeholder={promptAxis ? 'Prompts come from the prompt axis' : 'A lighthouse on a basalt cliff at dusk, volumetric fog'}
              onChange={(e) => onChange((d) => ({ ...d, prompt: e.target.value }))}
            />
          )}
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field id="compare-model" label="Model" aside={axisOf('model') ? `varies on ${axisOf('model')}` : undefined}>
            {(control) => (
              <Select
                {...control}
                value={draft.model}
                disabled={!!axisOf('model')}
                onChange={(e) => {
                  const model = e.target.value
                  if (isModelId(model)) onChange((d) => ({ ...d, model }))
                }}
              >
                {modelList().map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.displayName}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id="compare-seed" label="Shared seed" aside={axisOf('seed') ? `varies on ${axisOf('seed')}` : undefined} error={built.errors.seed}>
            {(control) => (
              <div className="flex gap-1.5">
                <Input
                  {...control}
                  inputMode="numeric"
                  value={draft.seed}
                  disabled={!!axisOf('seed')}
                  onChange={(e) => onChange((d) => ({ ...d, seed: e.target.value }))}
                />
                <Button
                  variant="outline"
                  size="icon"
                  aria-label="Roll a new shared seed"
                  title="Roll a new shared seed"
                  disabled={!!axisOf('seed')}
                  onClick={() => onChange((d) => ({ ...d, seed: rollSeed() }))}
                >
                  <DiceIcon />
                </Button>
              </div>
            )}
          </Field>
        </div>
        <section aria-labelledby="shared-title" className="grid gap-2">
          <h3 id="shared-title" className="text-sm font-medium">
            Shared parameters
          </h3>
          <p className="-mt-1 text-xs text-muted-foreground">
            Anything not fixed here takes each model's own default. A model without a parameter shows it as n/a.
          </p>
          <SharedParams value={draft.shared} onAxis={onAxis} errors={built.errors} onChange={(shared) => onChange((d) => ({ ...d, shared }))} />
        </section>
        <section aria-labelledby="axes-title" className="grid gap-2">
          <h3 id="axes-title" className="text-sm font-medium">
            Axes
          </h3>
          {AXIS_KEYS.map((key) => (
            <AxisEditor
              key={key}
              axisKey={key}
              value={draft.axes[key]}
              taken={onAxis.filter((p) => p !== draft.axes[key].param)}
              error={built.errors[`axes.${key}`] ?? (plan && !plan.ok ? plan.fields[key] : undefined)}
              warning={plan?.ok ? (plan.outOfRange[key] ?? plan.clamped[key]) : undefined}
              onChange={(next) => setAxis(key, next)}
            />
          ))}
          {(draft.clamp || (plan?.ok && Object.keys(plan.outOfRange).length > 0)) && (
            <label className="flex items-start gap-2 text-sm">
              <Switch checked={draft.clamp} onChange={(e) => onChange((d) => ({ ...d, clamp: e.target.checked }))} />
              <span>
                Clamp out-of-range values to each model's range
                <span className="block text-xs text-muted-foreground">
                  Off: those cells are shown as n/a and not sent. On: they send the nearest value the model allows.
                </span>
              </span>
            </label>
          )}
        </section>
        {problems.length > 0 && (
          <div role="alert" className="grid gap-1 rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
            {problems.slice(0, 5).map((p) => (
              <p key={p}>{p}</p>
            ))}
            {problems.length > 5 && <p>… and {problems.length - 5} more</p>}
          </div>
        )}
      </CardContent>
      {footer}
    </Card>
  )
}
