import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { format } from 'node:util'
import { afterEach, beforeEach, vi } from 'vitest'

// findBy*/waitFor default to one second, which a loaded machine can miss; they return as soon as the UI is there.
configure({ asyncUtilTimeout: 30_000 })

// Two children with one key may be duplicated or dropped by React: a test whose render causes that fails.
const keyProblems: string[] = []
const consoleError = console.error.bind(console)
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('Encountered two children with the same key')) keyProblems.push(format(...args))
  consoleError(...args)
}
beforeEach(() => {
  keyProblems.length = 0
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  vi.useRealTimers()
  if (keyProblems.length) throw new Error(`React saw duplicate keys:\n${[...new Set(keyProblems)].join('\n')}`)
})
