import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type * as React from 'react'
import { promptQueries } from '../../queries/prompts'

/**
 * Alt+↑ / Alt+↓ in the prompt box, as in a shell: ↑ steps back through earlier prompts (newest
 * first), ↓ forward again and finally back to what was being typed. Typing starts over.
 */
export function usePromptRecall(value: string, onRecall: (prompt: string) => void) {
  const history = useQuery(promptQueries.history())
  // -1 is "what the user is typing"; 0 the newest earlier prompt.
  const [position, setPosition] = useState(-1)
  const [typed, setTyped] = useState('')

  function step(older: boolean) {
    const prompts = history.data?.items.map((i) => i.prompt) ?? []
    let next = position
    // Skip entries equal to what the box already shows, so every press changes something.
    do next += older ? 1 : -1
    while (next >= 0 && next < prompts.length && prompts[next] === value)
    if (next >= prompts.length || next < -1) return
    if (position === -1) setTyped(value)
    setPosition(next)
    onRecall(next === -1 ? typed : prompts[next]!)
  }

  return {
    onKeyDown(event: React.KeyboardEvent<HTMLTextAreaElement>) {
      if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return
      event.preventDefault()
      step(event.key === 'ArrowUp')
    },
    /** Call when the user types: the next Alt+↑ starts from the newest prompt again. */
    onEdit: () => setPosition(-1),
  }
}
