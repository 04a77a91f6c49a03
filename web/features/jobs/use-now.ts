import { useEffect, useState } from 'react'

/** The current time, re-read every second while `ticking`: a render clock only, it fetches nothing. */
export function useNow(ticking: boolean) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!ticking) return
    const tick = () => setNow(Date.now())
    const first = setTimeout(tick, 0)
    const every = setInterval(tick, 1000)
    return () => {
      clearTimeout(first)
      clearInterval(every)
    }
  }, [ticking])
  return now
}
