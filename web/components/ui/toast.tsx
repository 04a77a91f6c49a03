// Short notices at the bottom of the screen, with at most one action (e.g. Undo). Any code may call
// showToast(); one <Toaster /> in the app renders them.
import { useEffect, useState, useSyncExternalStore } from 'react'
import { cn } from '../../lib/cn'
import { Button } from './button'

export type ToastInput = {
  message: string
  /** The toast stays until then (an undo window), counting down; otherwise a few seconds. */
  until?: string
  action?: { label: string; onClick: () => void }
  tone?: 'default' | 'destructive'
}
type Toast = ToastInput & { id: number; expiresAt: number }

const DEFAULT_MS = 5000
let toasts: Toast[] = []
let nextId = 1
const listeners = new Set<() => void>()
const emit = () => listeners.forEach((l) => l())

export function dismissToast(id: number) {
  toasts = toasts.filter((t) => t.id !== id)
  emit()
}

export function showToast(input: ToastInput): number {
  const id = nextId++
  const expiresAt = input.until ? Date.parse(input.until) : Date.now() + DEFAULT_MS
  toasts = [...toasts.slice(-2), { ...input, id, expiresAt }]
  emit()
  setTimeout(() => dismissToast(id), Math.max(0, expiresAt - Date.now()))
  return id
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function SecondsLeft({ until }: { until: number }) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  return <span className="tabular-nums">{Math.max(0, Math.ceil((until - now) / 1000))} s</span>
}

export function Toaster() {
  const list = useSyncExternalStore(
    subscribe,
    () => toasts,
    () => toasts,
  )
  return (
    <div
      role="region"
      aria-label="Notifications"
      className="pointer-events-none fixed inset-x-0 bottom-20 z-[60] flex flex-col items-center gap-2 px-4"
    >
      {list.map((toast) => (
        <div
          key={toast.id}
          role="status"
          className={cn(
            'pointer-events-auto flex max-w-lg items-center gap-3 rounded-lg border bg-popover py-2 pr-2 pl-4 text-sm shadow-2xl shadow-black/40',
            toast.tone === 'destructive' ? 'border-destructive/50 text-destructive' : 'border-border',
          )}
        >
          <span className="min-w-0 flex-1">{toast.message}</span>
          {toast.action && (
            <Button
              size="sm"
              variant="secondary"
              onClick={() => {
                toast.action?.onClick()
                dismissToast(toast.id)
              }}
            >
              {toast.action.label}
              {toast.until && (
                <span className="text-muted-foreground">
                  <SecondsLeft until={toast.expiresAt} />
                </span>
              )}
            </Button>
          )}
          <Button size="icon" variant="ghost" className="size-7" aria-label="Dismiss" onClick={() => dismissToast(toast.id)}>
            <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
              <path d="M6 6l12 12M18 6L6 18" />
            </svg>
          </Button>
        </div>
      ))}
    </div>
  )
}
