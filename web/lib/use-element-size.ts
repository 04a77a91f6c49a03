import { useLayoutEffect, useState, type RefObject } from 'react'

/**
 * The element's content width and its top on the page (for a window virtualizer's scrollMargin),
 * kept current as it resizes or the content above it changes height.
 */
export function useElementBox(ref: RefObject<HTMLElement | null>) {
  const [box, setBox] = useState({ width: 0, top: 0 })
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const read = () => {
      const width = el.clientWidth
      const top = Math.round(el.getBoundingClientRect().top + window.scrollY)
      setBox((b) => (b.width === width && b.top === top ? b : { width, top }))
    }
    read()
    if (typeof ResizeObserver === 'undefined') return
    // The element's own size, and the page's: a filter panel opening above moves the grid down.
    const observer = new ResizeObserver(read)
    observer.observe(el)
    observer.observe(document.body)
    return () => observer.disconnect()
  }, [ref])
  return box
}
