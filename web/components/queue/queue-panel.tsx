import { useMutation, useQuery } from '@tanstack/react-query'
import { lazy, Suspense, useState } from 'react'
import { queueMutations, queueQueries } from '../../queries/queue'
import { Button } from '../ui/button'
import { Card, CardHeader, CardTitle } from '../ui/card'
import { Dialog } from '../ui/dialog'

// The list (reordering, run next) loads when something is waiting, not with the first page.
const QueueList = lazy(() => import('./queue-list').then((m) => ({ default: m.QueueList })))

const jobs = (n: number) => `${n} job${n === 1 ? '' : 's'}`

/**
 * Darkroom's own queue on the playground: the jobs not yet sent to Pixazo, in the order they will go,
 * with pause/resume (for every tab and instance), reordering and "cancel all waiting".
 */
export function QueuePanel() {
  const queue = useQuery(queueQueries.state())
  const pause = useMutation(queueMutations.pause())
  const cancelAll = useMutation(queueMutations.cancelWaiting())
  const [confirming, setConfirming] = useState(false)
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null)
  const data = queue.data
  const count = data?.count ?? 0

  return (
    <Card aria-labelledby="queue-title">
      <CardHeader>
        <div className="grid gap-0.5">
          <CardTitle id="queue-title">Queue</CardTitle>
          <p className="text-xs text-muted-foreground" data-testid="queue-summary">
            {data?.paused ? 'Paused: nothing new is sent to Pixazo' : 'Sending'} · {count === 0 ? 'nothing waiting' : `${jobs(count)} waiting`}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            variant={data?.paused ? 'default' : 'outline'}
            disabled={!data || pause.isPending}
            aria-pressed={data?.paused ?? false}
            onClick={() => pause.mutate(!data?.paused, { onError: (error) => setMessage({ error: true, text: error.message }) })}
          >
            {data?.paused ? 'Resume queue' : 'Pause queue'}
          </Button>
          {count > 0 && (
            <Button size="sm" variant="ghost" onClick={() => setConfirming(true)}>
              Cancel all waiting ({count})
            </Button>
          )}
        </div>
      </CardHeader>
      {queue.isError && (
        <p role="alert" className="px-5 py-3 text-sm text-destructive">
          Could not load the queue: {queue.error.message}
        </p>
      )}
      <p role="status" className={message?.error ? 'px-5 pt-3 text-sm text-destructive' : 'px-5 pt-3 text-sm text-muted-foreground empty:hidden'}>
        {message?.text ?? ''}
      </p>
      {data && data.waiting.length > 0 && (
        <Suspense fallback={<p className="px-5 py-2 text-xs text-muted-foreground">{jobs(data.count)} waiting…</p>}>
          <QueueList waiting={data.waiting} count={data.count} onError={(text) => setMessage({ error: true, text })} />
        </Suspense>
      )}
      {data && data.count > data.waiting.length && (
        <p className="px-5 py-2 text-xs text-muted-foreground">…and {data.count - data.waiting.length} more after these.</p>
      )}
      {confirming && (
        <Dialog aria-labelledby="cancel-waiting-title" className="max-w-md p-6" onClose={() => setConfirming(false)}>
          <h2 id="cancel-waiting-title" className="text-lg font-semibold">
            Cancel {jobs(count)} waiting?
          </h2>
          <p className="mt-2 text-sm text-muted-foreground">They have not been sent to Pixazo, so nothing is charged. Jobs already sent carry on.</p>
          <div className="mt-5 flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Keep them
            </Button>
            <Button
              variant="destructive"
              disabled={cancelAll.isPending}
              onClick={() =>
                cancelAll.mutate(undefined, {
                  onSuccess: ({ cancelled }) => setMessage({ error: false, text: `Cancelled ${jobs(cancelled)} that had not been sent.` }),
                  onError: (error) => setMessage({ error: true, text: error.message }),
                  onSettled: () => setConfirming(false),
                })
              }
            >
              Cancel {jobs(count)}
            </Button>
          </div>
        </Dialog>
      )}
    </Card>
  )
}
