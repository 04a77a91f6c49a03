import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ReactElement } from 'react'

/** Renders with a fresh QueryClient (no retries, no shared cache between tests). */
export function renderWithQuery(ui: ReactElement) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })
  const user = userEvent.setup()
  const result = render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>)
  return { ...result, client, user }
}

/** A file the browser can no longer read (moved or locked after it was picked), as `File.text()` then fails. */
export function unreadableFile(name: string) {
  const file = new File(['never read'], name, { type: 'text/plain' })
  file.text = () => Promise.reject(new DOMException('The file could not be read', 'NotReadableError'))
  return file
}
