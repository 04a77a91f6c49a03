import { useMutation, useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { MODELS, type ModelId } from '../../../shared/catalogue'
import type { Preset } from '../../../shared/presets'
import { Button } from '../../components/ui/button'
import { Input } from '../../components/ui/input'
import { Select } from '../../components/ui/select'
import { presetMutations, presetQueries } from '../../queries/presets'

type PresetBarProps = {
  model: ModelId
  /** The form's parameters now, for "Save as preset". */
  currentParams: () => Record<string, unknown>
  onApply: (preset: Preset) => void
}

/** Apply a preset to the form, or save the form's settings as one. */
export function PresetBar({ model, currentParams, onApply }: PresetBarProps) {
  const presets = useQuery(presetQueries.list())
  const remove = useMutation(presetMutations.remove())
  const [saving, setSaving] = useState(false)
  const items = presets.data?.items ?? []
  const saved = items.filter((p) => !p.builtIn)
  const groups: [string, Preset[]][] = [
    ['Built-in', items.filter((p) => p.builtIn)],
    ['Saved', saved],
  ]

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <Select
          aria-label="Apply a preset"
          className="w-56"
          value=""
          onChange={(e) => {
            const preset = items.find((p) => p.id === e.target.value)
            if (preset) onApply(preset)
          }}
        >
          <option value="">Presets…</option>
          {groups.map(([label, list]) =>
            list.length === 0 ? null : (
              <optgroup key={label} label={label}>
                {list.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} {p.model === model ? '' : `(${MODELS[p.model].displayName})`}
                  </option>
                ))}
              </optgroup>
            ),
          )}
        </Select>
        <Button variant="ghost" size="sm" aria-expanded={saving} onClick={() => setSaving((s) => !s)}>
          Save as preset
        </Button>
        {saved.length > 0 && (
          <details className="text-xs">
            <summary className="cursor-pointer text-muted-foreground">Manage</summary>
            <ul className="mt-1 flex flex-col gap-1">
              {saved.map((p) => (
                <li key={p.id} className="flex items-center gap-2">
                  <span className="truncate">{p.name}</span>
                  <Button variant="ghost" size="sm" aria-label={`Delete preset ${p.name}`} onClick={() => remove.mutate(p.id)}>
                    Delete
                  </Button>
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      {saving && <SavePresetForm model={model} currentParams={currentParams} onDone={() => setSaving(false)} />}
    </div>
  )
}

function SavePresetForm({ model, currentParams, onDone }: Pick<PresetBarProps, 'model' | 'currentParams'> & { onDone: () => void }) {
  const id = useId()
  const save = useMutation(presetMutations.save())
  const [name, setName] = useState('')
  const [prefix, setPrefix] = useState('')
  const [suffix, setSuffix] = useState('')
  const submit = () => save.mutate({ name, model, params: currentParams(), prefix, suffix }, { onSuccess: onDone })
  return (
    // A group, not a form: it sits inside the generate form, and forms cannot nest.
    <div
      role="group"
      aria-label="Save as preset"
      className="flex flex-wrap items-end gap-2 rounded-md border border-border p-2"
      onKeyDown={(e) => {
        if (e.key !== 'Enter' || !(e.target instanceof HTMLInputElement)) return
        e.preventDefault()
        submit()
      }}
    >
      <label className="flex flex-col gap-1 text-xs" htmlFor={`${id}-name`}>
        Name
        <Input id={`${id}-name`} maxLength={80} value={name} onChange={(e) => (save.reset(), setName(e.target.value))} className="w-44" />
      </label>
      <label className="flex flex-col gap-1 text-xs" htmlFor={`${id}-prefix`}>
        Before the prompt
        <Input
          id={`${id}-prefix`}
          maxLength={500}
          value={prefix}
          onChange={(e) => setPrefix(e.target.value)}
          className="w-40"
          placeholder="e.g. ink drawing of "
        />
      </label>
      <label className="flex flex-col gap-1 text-xs" htmlFor={`${id}-suffix`}>
        After the prompt
        <Input
          id={`${id}-suffix`}
          maxLength={500}
          value={suffix}
          onChange={(e) => setSuffix(e.target.value)}
          className="w-40"
          placeholder="e.g. , film grain"
        />
      </label>
      <Button size="sm" disabled={save.isPending || name.trim() === ''} onClick={submit}>
        Save
      </Button>
      {save.error && (
        <p role="alert" className="w-full text-xs text-destructive">
          {save.error.message}
        </p>
      )}
    </div>
  )
}
