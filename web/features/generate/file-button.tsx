import type * as React from 'react'

type FileButtonProps = {
  children: React.ReactNode
  /** The file input's `accept`: the kinds the picker offers. */
  accept: string
  onFile: (file: File) => void
}

/**
 * A "choose a file" button: a label over a hidden file input, so its text names the input. The input is
 * emptied after each pick, so picking the same file again (after editing what it loaded) loads it again.
 */
export function FileButton({ children, accept, onFile }: FileButtonProps) {
  return (
    <label className="cursor-pointer rounded-md border border-border px-2 py-1 text-xs hover:bg-accent">
      {children}
      <input
        type="file"
        accept={accept}
        className="sr-only"
        onChange={(e) => {
          const file = e.target.files?.[0]
          if (file) onFile(file)
          e.target.value = ''
        }}
      />
    </label>
  )
}

/**
 * A picked or dropped file's text, or a sentence for the person when the browser cannot read it (moved,
 * deleted or locked since it was picked), naming the file and what to do.
 */
export async function readFileText(file: File): Promise<{ text: string } | { error: string }> {
  try {
    return { text: await file.text() }
  } catch (err) {
    // A DOMException (NotReadableError…), which is not an Error in every browser.
    const message = (err as { message?: unknown } | null)?.message
    const reason = typeof message === 'string' && message ? ` (${message})` : ''
    return { error: `Could not read ${file.name}${reason}; choose it again.` }
  }
}
