// What a file of prompts will make and cost, every bad row by line: the form's preview and the
// server's check alike. Each row is checked with the model's schemas (zod), so the form loads this
// only when its file panel first renders (decision 029).
import { imagesCostUsd, type ModelId } from './catalogue'
import { parsePromptFile, type FileFormat, type LineError } from './prompt-file'

export type FilePlan =
  { ok: true; rows: Record<string, unknown>[]; count: number; images: number; costUsd: number | null } | { ok: false; errors: LineError[] }

/** A file's rows on top of the form's parameters, counted and priced; every bad row, by line. */
export function planFile(
  text: string,
  format: FileFormat,
  opts: { model: ModelId; base: Record<string, unknown>; pricePerImageUsd: number | null },
): FilePlan {
  const parsed = parsePromptFile(text, format, opts.model, opts.base)
  if (!parsed.ok) return parsed
  const images = parsed.rows.reduce((n, row) => n + Number(row.num_images ?? 1), 0)
  return {
    ok: true,
    rows: parsed.rows,
    count: parsed.rows.length,
    images,
    costUsd: opts.pricePerImageUsd === null ? null : imagesCostUsd(images, opts.pricePerImageUsd),
  }
}
