import { useState } from 'react'
import type { Image } from '../../../shared/api'
import { MODELS, PARAM_NAMES } from '../../../shared/catalogue'
import { AXIS_INFO } from '../../../shared/compare-axes'
import { Switch } from '../../components/ui/switch'
import { cn } from '../../lib/cn'
import { formatBytes, formatMime } from '../../lib/format'
import { paramText } from './cell-name'

export const LETTERS = ['A', 'B', 'C', 'D'] as const

type Row = { label: string; values: string[] }

/** One row per parameter any of the images has; a model without it shows n/a. */
export function diffRows(images: Image[]): Row[] {
  const names = PARAM_NAMES.filter((n) => n !== 'prompt' && n !== 'seed' && images.some((i) => n in i.params))
  return [
    { label: 'Model', values: images.map((i) => MODELS[i.model].displayName) },
    { label: 'Prompt', values: images.map((i) => i.prompt) },
    ...names.map((n) => ({
      label: AXIS_INFO[n as keyof typeof AXIS_INFO]?.label ?? (n === 'num_images' ? 'Images' : n),
      values: images.map((i) => (n in i.params ? paramText(n, i.params[n]) : 'n/a')),
    })),
    { label: 'Seed', values: images.map((i) => (i.seed === null ? 'not reported' : String(i.seed))) },
    { label: 'Pixels', values: images.map((i) => `${i.width} × ${i.height}`) },
    { label: 'File', values: images.map((i) => `${formatMime(i.mimeType)} · ${formatBytes(i.bytes)}`) },
  ]
}

/** The parameters of 2–4 images side by side, differences highlighted. */
export function ParamDiffTable({ images }: { images: Image[] }) {
  const [onlyDiffs, setOnlyDiffs] = useState(false)
  const rows = diffRows(images).map((r) => ({ ...r, differs: new Set(r.values).size > 1 }))
  const shown = onlyDiffs ? rows.filter((r) => r.differs) : rows
  return (
    <div className="grid gap-3">
      <label className="flex items-center gap-2 text-sm">
        <Switch checked={onlyDiffs} onChange={(e) => setOnlyDiffs(e.target.checked)} />
        Only what differs ({rows.filter((r) => r.differs).length})
      </label>
      <div className="overflow-x-auto">
        <table aria-label="Parameters" className="w-full border-collapse text-sm">
          <thead>
            <tr className="border-b border-border text-left text-xs text-muted-foreground">
              <th scope="col" className="w-48 py-2 pr-3 font-medium">
                Parameter
              </th>
              {images.map((img, i) => (
                <th key={img.id} scope="col" className="py-2 pr-3 font-medium">
                  {LETTERS[i]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr
                key={row.label}
                data-differs={row.differs || undefined}
                className={cn('border-b border-border/60 align-top', row.differs && 'bg-primary/8')}
              >
                <th scope="row" className="py-2 pr-3 text-left font-normal whitespace-nowrap text-muted-foreground">
                  {row.label}
                  {row.differs && <span className="ml-1.5 rounded bg-primary/20 px-1 text-[10px] font-medium text-primary">differs</span>}
                </th>
                {row.values.map((v, i) => (
                  <td key={i} className={cn('py-2 pr-3 break-words', row.differs && 'font-medium text-foreground', v === 'n/a' && 'text-warning')}>
                    {v}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
