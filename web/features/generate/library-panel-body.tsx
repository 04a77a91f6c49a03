import { useMutation, useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { Button } from '../../components/ui/button'
import { Input } from '../../components/ui/input'
import { Textarea } from '../../components/ui/textarea'
import { presetMutations, presetQueries } from '../../queries/presets'
import { FileButton, readFileText } from './file-button'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** Named lists for `__name__` in prompts, and the library file that carries presets and lists between installs. */
export function LibraryPanelBody() {
  const id = useId()
  const lists = useQuery(presetQueries.lists())
  const saveList = useMutation(presetMutations.saveList())
  const removeList = useMutation(presetMutations.removeList())
  const importLibrary = useMutation(presetMutations.importLibrary())
  const [name, setName] = useState('')
  const [entries, setEntries] = useState('')
  const [readError, setReadError] = useState<string | null>(null)

  async function importFile(file: File) {
    setReadError(null)
    importLibrary.reset()
    const read = await readFileText(file)
    if ('error' in read) return setReadError(read.error)
    let parsed: unknown
    try {
      parsed = JSON.parse(read.text)
    } catch {
      return setReadError(`${file.name} is not JSON; export a library from Darkroom to get one.`)
    }
    importLibrary.mutate(parsed)
  }
  const save = () =>
    saveList.mutate(
      {
        name: name.trim(),
        entries: entries
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
      },
      { onSuccess: () => (setName(''), setEntries('')) },
    )

  return (
    <div className="mt-2 grid gap-3">
      <p className="text-xs text-muted-foreground">
        A list named <code>animals</code> is written <code>__animals__</code> in a prompt: each entry makes its own prompt.
      </p>
      {(lists.data?.items.length ?? 0) > 0 && (
        <ul aria-label="Named lists" className="grid gap-1">
          {lists.data?.items.map((l) => (
            <li key={l.name} className="flex items-center gap-2">
              <code className="truncate">__{l.name}__</code>
              <span className="text-xs text-muted-foreground">
                {l.entries.length} {l.entries.length === 1 ? 'entry' : 'entries'}
              </span>
              <Button variant="ghost" size="sm" onClick={() => (setName(l.name), setEntries(l.entries.join('\n')))}>
                Edit
              </Button>
              <Button variant="ghost" size="sm" aria-label={`Delete list ${l.name}`} onClick={() => removeList.mutate(l.name)}>
                Delete
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div role="group" aria-label="Edit a named list" className="grid gap-2">
        <label className="grid gap-1 text-xs" htmlFor={`${id}-name`}>
          List name
          <Input id={`${id}-name`} maxLength={40} value={name} onChange={(e) => (saveList.reset(), setName(e.target.value))} placeholder="animals" />
        </label>
        <label className="grid gap-1 text-xs" htmlFor={`${id}-entries`}>
          Entries, one per line
          <Textarea id={`${id}-entries`} rows={3} value={entries} onChange={(e) => (saveList.reset(), setEntries(e.target.value))} />
        </label>
        <div className="flex items-center gap-2">
          <Button size="sm" disabled={saveList.isPending || !name.trim()} onClick={save}>
            Save list
          </Button>
          {saveList.isSuccess && <span role="status">Saved __{saveList.data.name}__.</span>}
        </div>
        {saveList.error && (
          <p role="alert" className="text-xs text-destructive">
            {saveList.error.message}
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2 border-t border-border pt-2">
        <a className="rounded-md border border-border px-2 py-1 text-xs hover:bg-accent" href="/api/presets/export" download>
          Export presets and lists
        </a>
        <FileButton accept=".json,application/json" onFile={(file) => void importFile(file)}>
          Import a library file…
        </FileButton>
      </div>
      {importLibrary.isSuccess && (
        <p role="status">
          Imported {plural(importLibrary.data.presets, 'preset')} and {plural(importLibrary.data.lists, 'list')}.
        </p>
      )}
      {(readError ?? importLibrary.error) && (
        <p role="alert" className="text-destructive">
          {readError ?? `Nothing was imported: ${importLibrary.error?.message}`}
        </p>
      )}
    </div>
  )
}
