import { useEffect, useState } from 'react'

/** The current time, re-read every second while `ticking`: a render clock for elapsed times; it fetches nothing. */
export function useClock(ticking: boolean) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!ticking) return
    const every = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(every)
  }, [ticking])
  return now
}
