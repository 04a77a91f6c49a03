import { useMutation } from '@tanstack/react-query'
import { useState, type RefObject } from 'react'
import type { ImageDetail } from '../../../shared/gallery-api'
import { MAX_TAGS_PER_IMAGE, normaliseTag, tagProblem } from '../../../shared/ratings'
import { imageMutations } from '../../queries/images'
import { Input } from '../ui/input'

/** Tags typed in one box: commas separate them; each is checked as the server will before it is sent. */
function readTags(text: string): { tags: string[]; problem: string | null } {
  const tags = [...new Set(text.split(',').map(normaliseTag).filter(Boolean))]
  const problem = text
    .split(',')
    .filter((t) => t.trim())
    .map(tagProblem)
    .find(Boolean)
  return { tags, problem: problem ?? null }
}

/** The image's free tags (separate from collections), with add (Enter) and remove. T focuses the box in the lightbox. */
export function ImageTags({
  imageId,
  detail,
  inputRef,
}: {
  imageId: string
  detail: ImageDetail | undefined
  inputRef?: RefObject<HTMLInputElement | null>
}) {
  const add = useMutation(imageMutations.addTags())
  const remove = useMutation(imageMutations.removeTag())
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const tags = detail?.tags ?? []
  const error = problem ?? add.error?.message ?? remove.error?.message

  function submit() {
    const read = readTags(text)
    if (read.problem) return setProblem(read.problem)
    if (read.tags.length === 0) return
    if (new Set([...tags, ...read.tags]).size > MAX_TAGS_PER_IMAGE) return setProblem(`An image may have at most ${MAX_TAGS_PER_IMAGE} tags`)
    add.mutate({ id: imageId, tags: read.tags }, { onSuccess: () => setText('') })
  }

  return (
    <section aria-label="Tags" className="grid gap-2">
      <h3 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Tags</h3>
      {tags.length > 0 && (
        <ul className="flex flex-wrap gap-1.5">
          {tags.map((tag) => (
            <li key={tag} className="inline-flex items-center gap-1 rounded-full border border-border bg-muted py-0.5 pr-1 pl-2.5 text-xs">
              {tag}
              <button
                type="button"
                aria-label={`Remove tag ${tag}`}
                disabled={remove.isPending}
                onClick={() => remove.mutate({ id: imageId, tag })}
                className="grid size-5 cursor-pointer place-items-center rounded-full text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        <Input
          ref={inputRef}
          aria-label="Add tags"
          placeholder="Add tags (comma-separated), Enter"
          value={text}
          // Never disabled: T must reach it at once, before the image's details have loaded.
          readOnly={add.isPending}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => {
            setText(e.target.value)
            setProblem(null)
          }}
          onKeyDown={(e) => {
            // Escape leaves the box for the lightbox's keys, not the lightbox itself.
            if (e.key === 'Escape' && text) {
              e.stopPropagation()
              setText('')
            }
          }}
        />
      </form>
      {error && (
        <p role="alert" className="text-xs text-destructive">
          {error}
        </p>
      )}
    </section>
  )
}
