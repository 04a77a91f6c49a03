import { useState } from 'react'
import { normaliseTag, tagProblem } from '../../../shared/ratings'
import { Button } from '../../components/ui/button'
import { Input } from '../../components/ui/input'
import { cn } from '../../lib/cn'

type TagFormProps = {
  /** The input's accessible name, e.g. "Tag selected". */
  label: string
  placeholder: string
  /** Classes for the input (its width). */
  inputClassName?: string
  /** A submit button with this text; without it, Enter in the input submits. */
  button?: string
  /** Keeps the form from submitting (the input stays editable). */
  disabled?: boolean
  /** Called with a tag that passes the shared rules; `clear` empties the input (e.g. once it is applied). */
  onTag: (tag: string, clear: () => void) => void
}

/** The "tag these" form: one tag, normalised and checked by the shared rules as it is typed, the problem shown on the input. */
export function TagForm({ label, placeholder, inputClassName, button, disabled = false, onTag }: TagFormProps) {
  const [tag, setTag] = useState('')
  const tagText = normaliseTag(tag)
  const tagError = tagText ? tagProblem(tagText) : null
  const blocked = !tagText || !!tagError

  return (
    <form
      className="flex items-center gap-1"
      onSubmit={(e) => {
        e.preventDefault()
        if (!blocked && !disabled) onTag(tagText, () => setTag(''))
      }}
    >
      <Input
        aria-label={label}
        placeholder={placeholder}
        className={cn('h-8 text-xs', inputClassName)}
        value={tag}
        aria-invalid={tagError ? true : undefined}
        title={tagError ?? undefined}
        onChange={(e) => setTag(e.target.value)}
      />
      {button && (
        <Button type="submit" variant="ghost" size="sm" disabled={disabled || blocked}>
          {button}
        </Button>
      )}
    </form>
  )
}
