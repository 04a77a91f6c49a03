import { useMutation, useQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import type * as React from 'react'
import { planFile } from '../../../shared/file-plan'
import type { ModelId } from '../../../shared/catalogue'
import { detectFormat, FILE_FORMATS, formatLineError, type FileFormat } from '../../../shared/prompt-file'
import { Button } from '../../components/ui/button'
import { Select } from '../../components/ui/select'
import { Textarea } from '../../components/ui/textarea'
import { batchMutations, batchQueries } from '../../queries/batches'
import { formatUsd } from '../../lib/format'
import { ConfirmBatch } from './batch-preview'
import { FileButton, readFileText } from './file-button'

const FORMAT_LABELS: Record<FileFormat, string> = { lines: 'One prompt per line', csv: 'CSV with a header', jsonl: 'JSONL objects' }
const SHOWN_ERRORS = 8
const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`

export type FileBatchProps = {
  model: ModelId
  /** The form's settings: each row's own parameters go on top of them. */
  base: () => Record<string, unknown>
  pricePerImageUsd: number | null
}

/** Paste or drop a list of prompts (lines, CSV or JSONL); its count and cost, or every bad row, before anything is sent. */
export function FileBatchBody({ model, base, pricePerImageUsd }: FileBatchProps) {
  const [text, setText] = useState('')
  const [chosen, setChosen] = useState<FileFormat | 'auto'>('auto')
  const [confirming, setConfirming] = useState(false)
  const [readError, setReadError] = useState<string | null>(null)
  const limits = useQuery(batchQueries.limits())
  const create = useMutation(batchMutations.create())
  const format = chosen === 'auto' ? detectFormat(text) : chosen
  const params = base()
  // The form's params as text, so the file is parsed again only when they change.
  const paramsKey = JSON.stringify(params)
  const plan = useMemo(
    () => (text.trim() ? planFile(text, format, { model, base: JSON.parse(paramsKey) as Record<string, unknown>, pricePerImageUsd }) : null),
    [text, format, model, paramsKey, pricePerImageUsd],
  )

  async function load(file: File) {
    create.reset()
    const read = await readFileText(file)
    setReadError('error' in read ? read.error : null)
    if ('text' in read) setText(read.text)
  }
  function run(confirmed: boolean) {
    if (!plan?.ok || create.isPending) return
    if (!confirmed && limits.data && plan.images > limits.data.confirmImages) return setConfirming(true)
    setConfirming(false)
    create.mutate({ model, params, expand: { kind: 'file', format, text }, ...(confirmed && { confirm: true }) })
  }
  const onDrop = (event: React.DragEvent) => {
    const file = event.dataTransfer.files[0]
    if (!file) return
    event.preventDefault()
    event.stopPropagation()
    void load(file)
  }

  return (
    <>
      <div className="mt-2 grid gap-2">
        <p className="text-xs text-muted-foreground">
          Paste or drop one prompt per line, a CSV whose header names parameters (prompt, seed, num_inference_steps…), or JSONL objects. Each row runs
          with the settings above, its own values on top.
        </p>
        <Textarea
          aria-label="Prompts file"
          rows={5}
          value={text}
          placeholder={'a lighthouse at dusk\na red fox in fresh snow'}
          onChange={(e) => {
            setText(e.target.value)
            setReadError(null)
            create.reset()
          }}
          onDragOver={(e) => {
            e.preventDefault()
            e.stopPropagation()
          }}
          onDrop={onDrop}
        />
        <div className="flex flex-wrap items-center gap-2">
          <FileButton accept=".txt,.csv,.jsonl,.ndjson,text/plain,text/csv" onFile={(file) => void load(file)}>
            Choose a file…
          </FileButton>
          <Select aria-label="File format" className="h-7 text-xs" value={chosen} onChange={(e) => setChosen(e.target.value as FileFormat | 'auto')}>
            <option value="auto">Format: detect ({FORMAT_LABELS[detectFormat(text)]})</option>
            {FILE_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </Select>
        </div>
        {readError && (
          <p role="alert" className="text-destructive">
            {readError}
          </p>
        )}
        {plan &&
          (plan.ok ? (
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p data-testid="file-batch-count">
                <strong>{plural(plan.count, 'prompt')}</strong>
                <span className="text-muted-foreground">
                  {' '}
                  · {plural(plan.images, 'image')} · {plan.costUsd === null ? 'price unknown' : formatUsd(plan.costUsd)}
                </span>
              </p>
              <Button type="button" disabled={create.isPending} onClick={() => run(false)}>
                Generate {plan.count} from the file
              </Button>
            </div>
          ) : (
            <div role="alert" className="text-destructive">
              <p className="font-medium">Nothing will be sent until every row is right:</p>
              <ul className="list-disc pl-5">
                {plan.errors.slice(0, SHOWN_ERRORS).map((e, i) => (
                  <li key={i}>{formatLineError(e)}</li>
                ))}
              </ul>
              {plan.errors.length > SHOWN_ERRORS && <p>…and {plural(plan.errors.length - SHOWN_ERRORS, 'more error')}</p>}
            </div>
          ))}
        {create.isError && (
          <p role="alert" className="text-destructive">
            {create.error.message}
          </p>
        )}
        {create.isSuccess && <p role="status">{plural(create.data.count, 'job')} sent from the file — they are in the job list.</p>}
      </div>
      {confirming && plan?.ok && limits.data && (
        <ConfirmBatch plan={plan} threshold={limits.data.confirmImages} onCancel={() => setConfirming(false)} onConfirm={() => run(true)} />
      )}
    </>
  )
}
