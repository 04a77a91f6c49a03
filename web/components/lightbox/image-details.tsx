import type * as React from 'react'
import type { Image } from '../../../shared/api'
import { isSizePreset, MODELS, PARAM_NAMES, SIZE_PRESETS } from '../../../shared/catalogue'
import type { ImageDetail } from '../../../shared/gallery-api'
import { formatBytes, formatDate, formatDuration, formatMime, formatUsd } from '../../lib/format'

// Shown in rows of their own; the size row says both the preset asked for and the pixels made.
const SHOWN_APART = new Set(['prompt', 'negative_prompt', 'seed', 'image_size'])

function formatParam(name: string, value: unknown): string {
  if (name === 'image_size') {
    if (isSizePreset(value)) {
      const { label, pixels } = SIZE_PRESETS[value]
      return pixels ? `${label} (${pixels.width} × ${pixels.height})` : label
    }
    if (value && typeof value === 'object' && 'width' in value && 'height' in value) {
      return `Custom (${String(value.width)} × ${String(value.height)})`
    }
  }
  if (name === 'output_format' && typeof value === 'string') return formatName(value)
  if (typeof value === 'boolean') return value ? 'On' : 'Off'
  if (typeof value === 'string' || typeof value === 'number') return String(value)
  return JSON.stringify(value)
}

/** One spelling of each file format everywhere: "JPEG", "PNG", "WEBP" (as the form's choices). */
const formatName = (format: string) => (format.toLowerCase() === 'jpg' ? 'JPEG' : format.toUpperCase())

/** "Landscape 16:9 · 1024 × 576": the preset (when one was asked for) and the pixels actually made. */
function sizeText(image: Image) {
  const pixels = `${image.width} × ${image.height}`
  const asked = image.params.image_size
  if (isSizePreset(asked)) return `${SIZE_PRESETS[asked].label} · ${pixels}`
  return asked && typeof asked === 'object' ? `Custom · ${pixels}` : pixels
}

/** Every parameter the image was made with, in the form's order; unknown extras last. */
function parameterRows(image: Image) {
  const specs: Partial<Record<string, { label: string }>> = MODELS[image.model].params
  const known: readonly string[] = PARAM_NAMES
  const names = [...known.filter((n) => n in image.params), ...Object.keys(image.params).filter((n) => !known.includes(n))]
  return names
    .filter((name) => !SHOWN_APART.has(name))
    .map((name) => ({ name, label: specs[name]?.label ?? name, value: formatParam(name, image.params[name]) }))
}

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-3 py-1.5">
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  )
}

function cost(detail: ImageDetail) {
  if (detail.estimatedCostUsd === null) return 'Price unknown'
  const n = Number(detail.params.num_images ?? 1)
  return n > 1 ? `${formatUsd(detail.estimatedCostUsd)} for the request's ${n} images` : formatUsd(detail.estimatedCostUsd)
}

/** Everything the image was made with; `detail` (loaded separately) adds timings, cost and the request id. */
export function ImageDetails({ image, detail }: { image: Image; detail?: ImageDetail }) {
  const negative = image.params.negative_prompt
  return (
    <div className="grid gap-4 text-sm">
      <section aria-label="Prompt" className="grid gap-1">
        <h3 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Prompt</h3>
        <p className="leading-relaxed whitespace-pre-wrap">{image.prompt}</p>
      </section>
      {typeof negative === 'string' && (
        <section aria-label="Negative prompt" className="grid gap-1">
          <h3 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Negative prompt</h3>
          <p className="leading-relaxed whitespace-pre-wrap text-foreground/85">{negative || 'None'}</p>
        </section>
      )}
      <dl className="divide-y divide-border/60 border-y border-border/60">
        <Row term="Model">{MODELS[image.model].displayName}</Row>
        <Row term="Seed">
          <span className="font-mono">{image.seed ?? 'Not reported'}</span>
        </Row>
        <Row term="Image size">{sizeText(image)}</Row>
        {parameterRows(image).map((row) => (
          <Row key={row.name} term={row.label}>
            {row.value}
          </Row>
        ))}
        <Row term="File">
          {formatName(formatMime(image.mimeType))} · {formatBytes(image.bytes)}
        </Row>
        <Row term="Created">{formatDate(image.createdAt)}</Row>
        {detail?.submittedAt && <Row term="Submitted">{formatDate(detail.submittedAt)}</Row>}
        {detail?.submittedAt && detail.finishedAt && (
          <Row term="Took">{formatDuration(Date.parse(detail.finishedAt) - Date.parse(detail.submittedAt))}</Row>
        )}
        {detail && <Row term="Cost">{cost(detail)}</Row>}
        {detail && (
          <Row term="Request id">
            <span className="font-mono text-xs break-all">{detail.requestId ?? 'None (never sent)'}</span>
          </Row>
        )}
      </dl>
    </div>
  )
}
