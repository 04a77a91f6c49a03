import { useState } from 'react'
import type * as React from 'react'
import { MODELS } from '../../../shared/catalogue'
import type { EmbeddedParameters } from '../../../shared/image-metadata'

export type DropResult = { ok: boolean; message: string }

const hasFiles = (event: React.DragEvent) => [...event.dataTransfer.types].includes('Files')
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp']

/**
 * Dropping a PNG, JPEG or WebP that Darkroom downloaded (its parameters ride inside the file)
 * fills the form with them; a file without them says so and changes nothing.
 */
export function useImageDrop(onParameters: (embedded: EmbeddedParameters) => void) {
  const [over, setOver] = useState(false)
  const [result, setResult] = useState<DropResult | null>(null)

  async function read(file: File) {
    if (file.type && !IMAGE_TYPES.includes(file.type)) {
      return setResult({ ok: false, message: `${file.name} is not a PNG, JPEG or WebP image.` })
    }
    // Loaded on the first drop: the reader checks what it finds with zod, which the first load does without.
    const { readEmbeddedParameters } = await import('../../../shared/image-metadata')
    const embedded = readEmbeddedParameters(new Uint8Array(await file.arrayBuffer()))
    if (!embedded) return setResult({ ok: false, message: `${file.name} carries no Darkroom parameters; the form is unchanged.` })
    onParameters(embedded)
    setResult({ ok: true, message: `Restored ${MODELS[embedded.model].displayName} parameters from ${file.name}.` })
  }

  return {
    over,
    result,
    dismiss: () => setResult(null),
    dropProps: {
      onDragOver(event: React.DragEvent) {
        if (!hasFiles(event)) return
        event.preventDefault()
        event.dataTransfer.dropEffect = 'copy'
        setOver(true)
      },
      onDragLeave(event: React.DragEvent) {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false)
      },
      onDrop(event: React.DragEvent) {
        const file = event.dataTransfer.files[0]
        if (!file) return
        event.preventDefault()
        setOver(false)
        read(file).catch(() => setResult({ ok: false, message: `Could not read ${file.name}.` }))
      },
    },
  }
}
