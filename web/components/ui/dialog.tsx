import { useEffect, useEffectEvent, useRef } from 'react'
import type * as React from 'react'
import { createPortal } from 'react-dom'
import { cn } from '../../lib/cn'

type DialogProps = React.ComponentProps<'div'> & {
  onClose: () => void
  /** Keys other than Escape and Tab, e.g. arrows to move between images. */
  onKey?: (event: KeyboardEvent) => void
}

const focusable = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])'

/** A modal dialog: Escape and the backdrop close it, focus stays inside and returns where it was. */
export function Dialog({ onClose, onKey, className, children, ...props }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null)
  const close = useEffectEvent(() => onClose())
  const otherKey = useEffectEvent((event: KeyboardEvent) => onKey?.(event))

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    ref.current?.focus()
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault()
        close()
      } else if (event.key === 'Tab' && ref.current) {
        const items = [...ref.current.querySelectorAll<HTMLElement>(focusable)]
        const first = items[0]
        const last = items.at(-1)
        if (!first || !last) return event.preventDefault()
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault()
          last.focus()
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault()
          first.focus()
        }
      } else {
        otherKey(event)
      }
    }
    document.addEventListener('keydown', onKeyDown)
    const overflow = document.body.style.overflow
    document.body.style.overflow = 'hidden'
    return () => {
      document.removeEventListener('keydown', onKeyDown)
      document.body.style.overflow = overflow
      opener?.focus({ preventScroll: true })
    }
  }, [])

  return createPortal(
    <div className="fixed inset-0 z-50 flex items-center justify-center p-2 sm:p-6">
      <div className="absolute inset-0 bg-black/80 backdrop-blur-sm" aria-hidden="true" onClick={onClose} />
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        tabIndex={-1}
        className={cn('relative max-h-full w-full overflow-auto rounded-xl border border-border bg-popover shadow-2xl outline-none', className)}
        {...props}
      >
        {children}
      </div>
    </div>,
    document.body,
  )
}
