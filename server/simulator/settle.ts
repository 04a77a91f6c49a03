// What happens when a job ends: ERROR refunds its charge (system errors are not billed) and the
// webhook, if any, receives the final status object once. Runs from a timer and also lazily
// whenever a job is looked at, so a paused clock or a restart cannot skip it.
import type { ControlState } from './control'
import { finishesAt, type Job, type JobStore } from './jobs'
import type { MediaCache } from './media'
import { statusObject } from './responses'

export type Settler = {
  /** Applies end-of-job effects to one job if it has finished and they are still due. */
  settle(job: Job): void
  settleAll(): void
  schedule(job: Job): void
  dispose(): void
}

export function createSettler(deps: { store: JobStore; state: ControlState; media: MediaCache; now: () => number }): Settler {
  const { store, state, media, now } = deps
  const timers = new Set<NodeJS.Timeout>()

  async function postWebhook(job: Job, url: string) {
    try {
      const body = await statusObject(job, now(), job.origin, media)
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      })
    } catch {
      // Best effort, as the gateway documents no retries: callers must keep polling.
    }
  }

  const settler: Settler = {
    settle(job) {
      if (now() < finishesAt(job)) return
      if (job.outcome === 'ERROR' && !job.refunded) {
        state.refund(job.costMicros)
        store.update(job.requestId, { refunded: true })
      }
      if (job.webhookUrl && !job.webhookSent) {
        const sent = store.update(job.requestId, { webhookSent: true }) ?? job
        void postWebhook(sent, job.webhookUrl)
      }
    },
    settleAll() {
      for (const job of store.all()) settler.settle(job)
    },
    schedule(job) {
      const timer = setTimeout(
        () => {
          timers.delete(timer)
          const current = store.get(job.requestId)
          if (!current) return
          // Timers may fire a little before the clock says the job ended.
          if (now() < finishesAt(current)) settler.schedule(current)
          else settler.settle(current)
        },
        Math.max(0, finishesAt(job) - now()),
      )
      timer.unref()
      timers.add(timer)
    },
    dispose() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
    },
  }
  return settler
}
