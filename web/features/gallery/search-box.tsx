import { useEffect, useRef, useState } from 'react'
import { controlClass } from '../../components/ui/input'
import { cn } from '../../lib/cn'

type SearchBoxProps = {
  /** The query in the URL. */
  query: string
  onCommit: (query: string) => void
  errors: string[]
}

const DEBOUNCE_MS = 350

/** The typed query: applied a moment after typing stops, or at once on Enter. */
export function SearchBox({ query, onCommit, errors }: SearchBoxProps) {
  const [text, setText] = useState(query)
  const [seen, setSeen] = useState(query)
  /** What this box last sent, until the URL has it: that change is an echo, not news. */
  const [sent, setSent] = useState<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  // The controls (or Back) changed the query: show it, unless it is what this box just sent.
  if (query !== seen) {
    setSeen(query)
    if (query !== sent) setText(query)
    setSent(null)
  }
  useEffect(() => () => clearTimeout(timer.current), [])

  function commit(value: string) {
    clearTimeout(timer.current)
    setSent(value.trim())
    onCommit(value)
  }

  return (
    <div className="grid min-w-0 flex-1 gap-1">
      <div className="relative">
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
        >
          <circle cx="11" cy="11" r="7" />
          <path d="M20 20l-3.5-3.5" strokeLinecap="round" />
        </svg>
        <input
          type="search"
          aria-label="Search images"
          aria-invalid={errors.length ? true : undefined}
          aria-describedby={errors.length ? 'gallery-query-errors' : undefined}
          spellCheck={false}
          placeholder='Search prompts, or filter: model:z-image seed:42 steps:>8 "red fox"'
          className={cn(controlClass, 'h-9 pl-9 font-mono text-[13px]')}
          value={text}
          onChange={(e) => {
            const value = e.target.value
            setText(value)
            clearTimeout(timer.current)
            timer.current = setTimeout(() => commit(value), DEBOUNCE_MS)
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit(text)
          }}
        />
      </div>
      {errors.length > 0 && (
        <ul id="gallery-query-errors" aria-label="Query problems" className="grid gap-0.5 text-xs text-warning">
          {errors.map((error) => (
            <li key={error} className="flex gap-1.5">
              <span aria-hidden="true">⚠</span>
              {error}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
