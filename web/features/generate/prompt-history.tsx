import { useQuery } from '@tanstack/react-query'
import { useDeferredValue, useState } from 'react'
import { MODELS } from '../../../shared/catalogue'
import type { PromptHistoryEntry } from '../../../shared/gallery-api'
import { promptQueries } from '../../queries/prompts'
import { Button } from '../../components/ui/button'
import { Dialog } from '../../components/ui/dialog'
import { Input } from '../../components/ui/input'
import { formatDate } from '../../lib/format'

/** "History" next to the prompt: every prompt used (kept after its images are deleted), searchable. */
export function PromptHistory({ onPick }: { onPick: (entry: PromptHistoryEntry) => void }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        className="h-6 px-2 text-xs text-muted-foreground"
        title="Earlier prompts (Alt+↑ / Alt+↓ in the box)"
        onClick={() => setOpen(true)}
      >
        History
      </Button>
      {open && (
        <HistoryDialog
          onClose={() => setOpen(false)}
          onPick={(entry) => {
            onPick(entry)
            setOpen(false)
          }}
        />
      )}
    </>
  )
}

function HistoryDialog({ onClose, onPick }: { onClose: () => void; onPick: (entry: PromptHistoryEntry) => void }) {
  const [search, setSearch] = useState('')
  const q = useDeferredValue(search)
  const history = useQuery(promptQueries.history(q))
  const items = history.data?.items ?? []
  return (
    <Dialog aria-labelledby="history-title" className="grid max-w-2xl gap-3 p-5" onClose={onClose}>
      <div className="flex items-center justify-between gap-3">
        <h2 id="history-title" className="text-base font-semibold">
          Prompt history
        </h2>
        <span className="text-xs text-muted-foreground">Alt+↑ / Alt+↓ in the prompt box recall these too</span>
      </div>
      <Input
        type="search"
        aria-label="Search prompts"
        placeholder="Search earlier prompts"
        autoFocus
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {history.isError && (
        <p role="alert" className="text-sm text-destructive">
          Could not load the history: {history.error.message}
        </p>
      )}
      {history.isSuccess && items.length === 0 && (
        <p className="py-6 text-center text-sm text-muted-foreground">{q ? 'No earlier prompt matches.' : 'No prompts yet.'}</p>
      )}
      <ul aria-label="Earlier prompts" className="-mx-2 max-h-[60vh] overflow-y-auto [scrollbar-width:thin]">
        {items.map((entry) => (
          <li key={`${entry.prompt}\n${entry.model}\n${entry.negativePrompt}`}>
            <button
              type="button"
              onClick={() => onPick(entry)}
              className="grid w-full cursor-pointer gap-1 rounded-md px-2 py-2 text-left outline-none hover:bg-accent focus-visible:bg-accent focus-visible:ring-2 focus-visible:ring-ring"
            >
              <span className="line-clamp-2 text-sm">{entry.prompt}</span>
              <span className="text-xs text-muted-foreground">
                {MODELS[entry.model].displayName} · used {entry.uses}× · {formatDate(entry.lastUsedAt)}
                {entry.negativePrompt ? ` · negative: ${entry.negativePrompt}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  )
}
