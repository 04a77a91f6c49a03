import { screen, waitFor, within } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Job } from '../../shared/api'
import { GenerateForm } from '../../web/features/generate/generate-form'
import { startRealApi, type RealApi } from './real-api'
import { renderWithQuery } from './render'

let api: RealApi
beforeAll(async () => {
  api = await startRealApi()
  // The history the server keeps from submitted jobs; the newest use comes first.
  let last = 0
  const submit = async (prompt: string, negative_prompt?: string) => {
    // Each use a millisecond of its own, so "newest first" has one answer.
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(last))
    await api.json<Job>('/api/jobs', {
      method: 'POST',
      json: { model: 'ernie-image-turbo', params: { prompt, ...(negative_prompt ? { negative_prompt } : {}) } },
    })
    last = Date.now()
  }
  await submit('a brass owl')
  for (let i = 0; i < 3; i++) await submit('a koi pond in rain', 'people')
  await submit('a lighthouse at dusk')
})
afterAll(() => api.close())

const prompt = () => screen.getByRole('textbox', { name: 'Prompt' })
const up = '{Alt>}{ArrowUp}{/Alt}'
const down = '{Alt>}{ArrowDown}{/Alt}'

describe('prompt history', () => {
  it('recalls earlier prompts with Alt+↑, newest first, and Alt+↓ walks back to what was being typed', async () => {
    api.connect()
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
    api.connect()
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
    api.connect()
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
