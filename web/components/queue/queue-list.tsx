import { useMutation } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import type { Job } from '../../../shared/api'
import { MODELS } from '../../../shared/catalogue'
import { queueMutations } from '../../queries/queue'
import { Button } from '../ui/button'

type Action = 'up' | 'down' | 'next'

const short = (prompt: string) => (prompt.length > 40 ? `${prompt.slice(0, 40)}…` : prompt)

/**
 * The jobs not yet sent, next first, each with Move up, Move down and Run next. Focus follows the job
 * it was on, so a keyboard can keep pressing the same button to walk a job through the list.
 */
export function QueueList({ waiting, count, onError }: { waiting: Job[]; count: number; onError: (message: string) => void }) {
  const move = useMutation(queueMutations.move())
  const runNext = useMutation(queueMutations.runNext())
  const list = useRef<HTMLOListElement>(null)
  const follow = useRef<{ id: string; action: Action } | null>(null)

  useEffect(() => {
    const target = follow.current
    if (!target || !list.current) return
    follow.current = null
    const row = list.current.querySelector(`[data-job-id="${CSS.escape(target.id)}"]`)
    const button =
      row?.querySelector<HTMLButtonElement>(`[data-action="${target.action}"]:not([disabled])`) ??
      row?.querySelector<HTMLButtonElement>('button:not([disabled])')
    button?.focus()
  }, [waiting])

  function act(job: Job, action: Action) {
    follow.current = { id: job.id, action }
    const position = job.localQueuePosition ?? 1
    const options = { onError: (error: Error) => onError(error.message) }
    if (action === 'next') runNext.mutate(job.id, options)
    else move.mutate({ id: job.id, position: action === 'up' ? position - 1 : position + 1 }, options)
  }

  return (
    <ol ref={list} aria-label="Waiting jobs, next first" className="divide-y divide-border">
      {waiting.map((job) => {
        const position = job.localQueuePosition ?? 0
        return (
          <li key={job.id} data-job-id={job.id} className="flex items-center gap-3 px-5 py-2.5">
            <span className="w-6 shrink-0 text-right text-xs text-muted-foreground tabular-nums">
              <span className="sr-only">Position </span>
              {position}
            </span>
            <span className="min-w-0 flex-1">
              <span className="block truncate text-sm" title={job.prompt}>
                {job.prompt}
              </span>
              <span className="block text-xs text-muted-foreground">{MODELS[job.model].displayName}</span>
            </span>
            <span className="flex shrink-0 gap-1">
              <Button size="sm" variant="ghost" data-action="up" disabled={position <= 1} onClick={() => act(job, 'up')}>
                <span aria-hidden="true">↑</span>
                <span className="sr-only">Move “{short(job.prompt)}” up</span>
              </Button>
              <Button size="sm" variant="ghost" data-action="down" disabled={position >= count} onClick={() => act(job, 'down')}>
                <span aria-hidden="true">↓</span>
                <span className="sr-only">Move “{short(job.prompt)}” down</span>
              </Button>
              <Button size="sm" variant="outline" data-action="next" disabled={position <= 1} onClick={() => act(job, 'next')}>
                {/* One text node for the name: a screen-reader-only span is a block of its own, which adds a space. */}
                <span aria-hidden="true">Run next</span>
                <span className="sr-only">{`Run next: “${short(job.prompt)}”`}</span>
              </Button>
            </span>
          </li>
        )
      })}
    </ol>
  )
}
