import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { PromptHistoryEntry } from '../../shared/gallery-api'
import { GenerateForm } from '../../web/features/generate/generate-form'
import { fakeApi } from './fake-api'
import { renderWithQuery } from './render'

const entry = (prompt: string, extra: Partial<PromptHistoryEntry> = {}): PromptHistoryEntry => ({
  prompt,
  negativePrompt: null,
  model: 'ernie-image-turbo',
  uses: 1,
  lastUsedAt: '2025-05-01T10:00:00.000Z',
  ...extra,
})
// Newest first, as the server sends them.
const prompts = [entry('a lighthouse at dusk'), entry('a koi pond in rain', { negativePrompt: 'people', uses: 3 }), entry('a brass owl')]

const prompt = () => screen.getByRole('textbox', { name: 'Prompt' })
const up = '{Alt>}{ArrowUp}{/Alt}'
const down = '{Alt>}{ArrowDown}{/Alt}'

describe('prompt history', () => {
  it('recalls earlier prompts with Alt+↑, newest first, and Alt+↓ walks back to what was being typed', async () => {
    const api = fakeApi({ prompts })
    const { user } = renderWithQuery(<GenerateForm />)
    await waitFor(() => expect(api.calls('GET', '/api/prompts')).toHaveLength(1))
    await user.type(prompt(), 'half an idea')
    await user.keyboard(up)
    expect(prompt()).toHaveValue('a lighthouse at dusk')
    await user.keyboard(up)
    expect(prompt()).toHaveValue('a koi pond in rain')
    await user.keyboard(up)
    await user.keyboard(up)
    expect(prompt()).toHaveValue('a brass owl')
    await user.keyboard(down)
    expect(prompt()).toHaveValue('a koi pond in rain')
    await user.keyboard(down)
    await user.keyboard(down)
    expect(prompt()).toHaveValue('half an idea')
    await user.keyboard(down)
    expect(prompt()).toHaveValue('half an idea')
  })

  it('starts over from the newest after an edit, and skips a prompt equal to what is shown', async () => {
    fakeApi({ prompts })
    const { user } = renderWithQuery(<GenerateForm />)
    await user.type(prompt(), 'a lighthouse at dusk')
    await user.keyboard(up)
    expect(prompt()).toHaveValue('a koi pond in rain')
    await user.type(prompt(), ', fog')
    await user.keyboard(up)
    expect(prompt()).toHaveValue('a lighthouse at dusk')
    await user.keyboard(down)
    expect(prompt()).toHaveValue('a koi pond in rain, fog')
  })

  it('lists earlier prompts to search and pick from, negative prompt included', async () => {
    const api = fakeApi({ prompts })
    const { user } = renderWithQuery(<GenerateForm />)
    await user.click(screen.getByRole('button', { name: 'History' }))
    const dialog = screen.getByRole('dialog', { name: 'Prompt history' })
    const list = within(dialog).getByRole('list', { name: 'Earlier prompts' })
    await waitFor(() => expect(within(list).getAllByRole('button')).toHaveLength(3))
    expect(within(list).getAllByRole('button')[1]).toHaveTextContent('ERNIE Image Turbo · used 3× ·')
    await user.type(within(dialog).getByRole('searchbox', { name: 'Search prompts' }), 'koi')
    await waitFor(() => expect(within(list).getAllByRole('button')).toHaveLength(1))
    expect(api.calls('GET', '/api/prompts').at(-1)?.search.get('q')).toBe('koi')
    await user.click(within(list).getByRole('button', { name: /a koi pond in rain/ }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(prompt()).toHaveValue('a koi pond in rain')
    expect(screen.getByRole('textbox', { name: 'Negative prompt' })).toHaveValue('people')
  })
})
