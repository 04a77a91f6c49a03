import { useEffect, useState } from 'react'

/** The current time, re-read every second while `ticking`: a render clock for elapsed times; it fetches nothing. */
export function useNow(ticking: boolean) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!ticking) return
    const tick = () => setNow(Date.now())
    // At once too: a clock that starts ticking must not show the time it stopped at for a second.
    const first = setTimeout(tick, 0)
    const every = setInterval(tick, 1000)
    return () => {
      clearTimeout(first)
      clearInterval(every)
    }
  }, [ticking])
  return now
}
