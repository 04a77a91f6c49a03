import { screen, within } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Preset, PromptList } from '../../shared/presets'
import { GenerateForm } from '../../web/features/generate/generate-form'
import { startRealApi, type RealApi } from './real-api'
import { renderWithQuery, unreadableFile } from './render'

let api: RealApi
beforeAll(async () => {
  api = await startRealApi()
})
afterAll(() => api.close())

const lists = async () => (await api.json<{ items: PromptList[] }>('/api/prompt-lists')).items
const presets = async () => (await api.json<{ items: Preset[] }>('/api/presets')).items

async function openLibrary() {
  api.connect()
  const { user } = renderWithQuery(<GenerateForm />)
  await user.click(screen.getByText('Named lists and library'))
  await screen.findByRole('group', { name: 'Edit a named list' })
  return user
}

describe('named lists and the library file in the generate form', () => {
  it('saves a named list that a template in the prompt then expands', async () => {
    const user = await openLibrary()
    const editor = screen.getByRole('group', { name: 'Edit a named list' })
    await user.type(within(editor).getByRole('textbox', { name: 'List name' }), 'birds')
    await user.type(within(editor).getByRole('textbox', { name: 'Entries, one per line' }), 'owl\nwren\n\nheron')
    await user.click(within(editor).getByRole('button', { name: 'Save list' }))
    expect(await within(editor).findByText('Saved __birds__.')).toBeInTheDocument()
    expect((await lists()).find((l) => l.name === 'birds')?.entries).toEqual(['owl', 'wren', 'heron'])
    expect(await screen.findByText('3 entries')).toBeInTheDocument()

    await user.click(screen.getByRole('textbox', { name: 'Prompt' }))
    await user.paste('a __birds__ in flight')
    expect(await screen.findByTestId('batch-count')).toHaveTextContent('Expands to 3 prompts')
  })

  it('refuses a list name the grammar cannot write, naming the rule', async () => {
    const user = await openLibrary()
    const editor = screen.getByRole('group', { name: 'Edit a named list' })
    await user.type(within(editor).getByRole('textbox', { name: 'List name' }), 'two words')
    await user.type(within(editor).getByRole('textbox', { name: 'Entries, one per line' }), 'a')
    await user.click(within(editor).getByRole('button', { name: 'Save list' }))
    expect(await within(editor).findByRole('alert')).toHaveTextContent(/1–40 letters, digits/)
    expect((await lists()).some((l) => l.name === 'two words')).toBe(false)
  })

  it('imports a library file, and refuses a broken one whole, importing nothing', async () => {
    const user = await openLibrary()
    expect(screen.getByRole('link', { name: 'Export presets and lists' })).toHaveAttribute('href', '/api/presets/export')
    const file = {
      darkroom: 'library',
      version: 1,
      presets: [{ name: 'Imported wide', model: 'ernie-image', params: { image_size: 'landscape_16_9' } }],
      lists: { moods: ['calm', 'stormy'] },
    }
    const input = screen.getByLabelText('Import a library file…')
    await user.upload(input, new File([JSON.stringify(file)], 'library.json', { type: 'application/json' }))
    expect(await screen.findByText('Imported 1 preset and 1 list.')).toBeInTheDocument()
    expect((await presets()).some((p) => p.name === 'Imported wide')).toBe(true)

    const before = { presets: await presets(), lists: await lists() }
    const broken = {
      ...file,
      presets: [{ name: 'Too many steps', model: 'z-image-turbo', params: { num_inference_steps: 30 } }],
      lists: { other: ['x'] },
    }
    await user.upload(input, new File([JSON.stringify(broken)], 'broken.json', { type: 'application/json' }))
    expect(await screen.findByText(/^Nothing was imported: /)).toBeInTheDocument()
    expect({ presets: await presets(), lists: await lists() }).toEqual(before)
  })
  it('says a library file could not be read rather than calling it "not JSON"', async () => {
    const user = await openLibrary()
    const before = await presets()
    await user.upload(screen.getByLabelText('Import a library file…'), unreadableFile('library.json'))
    expect(await screen.findByText('Could not read library.json (The file could not be read); choose it again.')).toBeInTheDocument()
    expect(await presets()).toEqual(before)
  })
})
