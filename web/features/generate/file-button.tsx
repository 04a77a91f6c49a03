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
