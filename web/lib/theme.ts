// Light or dark: the person's choice (saved in localStorage) or, by default, the system's, followed
// live. index.html applies the same rule before the first paint; this keeps it current afterwards.
import { useEffect, useSyncExternalStore } from 'react'

export type ThemeChoice = 'system' | 'light' | 'dark'
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark']

const KEY = 'darkroom:theme'
const listeners = new Set<() => void>()

function read(): ThemeChoice {
  try {
    const saved = localStorage.getItem(KEY)
    return saved === 'light' || saved === 'dark' ? saved : 'system'
  } catch {
    return 'system' // storage can be blocked; the choice then lasts for the page only
  }
}

let choice: ThemeChoice = typeof window === 'undefined' ? 'system' : read()

const systemDark = () => window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? true

function apply() {
  const dark = choice === 'dark' || (choice === 'system' && systemDark())
  document.documentElement.dataset.theme = dark ? 'dark' : 'light'
}

export function setTheme(next: ThemeChoice) {
  choice = next
  try {
    if (next === 'system') localStorage.removeItem(KEY)
    else localStorage.setItem(KEY, next)
  } catch {
    // see read()
  }
  apply()
  for (const listener of listeners) listener()
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

/** The saved choice; while it is "system", the page follows the system's changes as they happen. */
export function useTheme() {
  const current = useSyncExternalStore(
    subscribe,
    () => choice,
    () => 'system' as const,
  )
  useEffect(() => {
    if (current !== 'system' || !window.matchMedia) return
    const media = window.matchMedia('(prefers-color-scheme: dark)')
    media.addEventListener('change', apply)
    return () => media.removeEventListener('change', apply)
  }, [current])
  return current
}
