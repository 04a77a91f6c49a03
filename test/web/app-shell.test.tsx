import { screen, waitFor } from '@testing-library/react'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../web/app'
import { startRealApi, type RealApi } from './real-api'
import { renderWithQuery } from './render'

describe('the app shell', () => {
  // Demo mode: no key, the built-in simulator — the server says so in its settings.
  let api: RealApi
  beforeAll(async () => {
    api = await startRealApi({ demo: true })
  })
  afterAll(() => api.close())
  const openAt = (path: string) => window.history.replaceState(null, '', path)

  beforeEach(() => {
    localStorage.clear()
    openAt('/')
  })

  it('says the server is unreachable instead of the mode it last heard', async () => {
    api.connect()
    const { user } = renderWithQuery(<App />)
    expect(await screen.findByText('Demo · simulator')).toBeInTheDocument()
    // The server goes away: the next request cannot connect.
    globalThis.fetch = () => Promise.reject(new TypeError('Failed to fetch'))
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a tram in the fog')
    await user.click(screen.getByRole('button', { name: 'Generate' }))
    expect(await screen.findByText('Server unreachable')).toBeInTheDocument()
    expect(screen.queryByText('Demo · simulator')).not.toBeInTheDocument()
    expect(screen.queryByText('Demo mode')).not.toBeInTheDocument()
    // …and the answer is next to the button, not only at the bottom of the form.
    expect(screen.getByTestId('submit-status')).toHaveTextContent('Not sent: Cannot reach the Darkroom server')
  })

  it('names each page in the tab and shows a not-found page for unknown addresses', async () => {
    api.connect()
    openAt('/no/such/page')
    const { user } = renderWithQuery(<App />)
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument()
    await waitFor(() => expect(document.title).toBe('Page not found · Darkroom'))
    await user.click(screen.getByRole('link', { name: 'Spend' }))
    await waitFor(() => expect(document.title).toBe('Spend · Darkroom'))
    expect(window.location.pathname).toBe('/spend')
    expect(screen.getAllByRole('main')).toHaveLength(1)
  })

  it('switches between system, light and dark, and remembers the choice', async () => {
    api.connect()
    const { user } = renderWithQuery(<App />)
    const toggle = await screen.findByRole('button', { name: 'Theme: System' })
    await user.click(toggle)
    expect(document.documentElement.dataset.theme).toBe('light')
    expect(localStorage.getItem('darkroom:theme')).toBe('light')
    await user.click(screen.getByRole('button', { name: 'Theme: Light' }))
    expect(document.documentElement.dataset.theme).toBe('dark')
    expect(localStorage.getItem('darkroom:theme')).toBe('dark')
    await user.click(screen.getByRole('button', { name: 'Theme: Dark' }))
    expect(localStorage.getItem('darkroom:theme')).toBeNull()
  })
})
