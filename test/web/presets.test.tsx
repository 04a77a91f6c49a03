import { screen, within } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GenerateForm } from '../../web/features/generate/generate-form'
import { startRealApi, type RealApi } from './real-api'
import { renderWithQuery } from './render'

let api: RealApi
beforeAll(async () => {
  api = await startRealApi()
})
afterAll(() => api.close())

const presetSelect = () => screen.getByRole('combobox', { name: 'Apply a preset' })

describe('presets in the generate form', () => {
  it('applies a built-in preset: model and settings change, the prompt keeps its words with the style around them', async () => {
    api.connect()
    const { user } = renderWithQuery(<GenerateForm />)
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a lighthouse')
    await within(presetSelect()).findByRole('option', { name: /Z-Image · photo/ })
    await user.selectOptions(presetSelect(), screen.getByRole('option', { name: /Z-Image · photo/ }))
    expect(screen.getByRole('combobox', { name: 'Model' })).toHaveValue('z-image-turbo')
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('photograph of a lighthouse, natural light, 35mm')
    expect(await screen.findByText(/Preset "Z-Image · photo" applied/)).toBeInTheDocument()
  })

  it('saves the form as a preset that the server keeps and the list then offers', async () => {
    api.connect()
    const { user } = renderWithQuery(<GenerateForm />)
    await user.clear(screen.getByRole('spinbutton', { name: 'Steps' }))
    await user.type(screen.getByRole('spinbutton', { name: 'Steps' }), '12')
    await user.click(screen.getByRole('button', { name: 'Save as preset' }))
    const form = screen.getByRole('group', { name: 'Save as preset' })
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Twelve steps')
    await user.click(within(form).getByRole('button', { name: 'Save' }))
    expect(await within(presetSelect()).findByRole('option', { name: /Twelve steps/ })).toBeInTheDocument()
    const saved = api.requests.filter((r) => r.method === 'POST' && r.path === '/api/presets')
    expect(saved.at(-1)?.body).toMatchObject({ name: 'Twelve steps', model: 'ernie-image-turbo', params: { num_inference_steps: 12 } })

    // The same name again is refused with the server's words, in the form.
    await user.click(screen.getByRole('button', { name: 'Save as preset' }))
    const again = screen.getByRole('group', { name: 'Save as preset' })
    await user.type(within(again).getByRole('textbox', { name: 'Name' }), 'Twelve steps')
    await user.click(within(again).getByRole('button', { name: 'Save' }))
    expect(await within(again).findByRole('alert')).toHaveTextContent('A preset named "Twelve steps" already exists')
  })
})
