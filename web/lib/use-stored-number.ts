import { useEffect, useState } from 'react'

function read(key: string, fallback: number, min: number, max: number) {
  try {
    const stored = Number(localStorage.getItem(key) ?? Number.NaN)
    return Number.isFinite(stored) ? Math.min(max, Math.max(min, stored)) : fallback
  } catch {
    return fallback // storage can be blocked; the setting then lasts for the page only
  }
}

/** A number the user picked (e.g. tile size), remembered in localStorage and kept within [min, max]. */
export function useStoredNumber(key: string, fallback: number, min: number, max: number) {
  const [value, setValue] = useState(() => read(key, fallback, min, max))
  useEffect(() => {
    try {
      localStorage.setItem(key, String(value))
    } catch {
      // see read()
    }
  }, [key, value])
  return [value, setValue] as const
}
