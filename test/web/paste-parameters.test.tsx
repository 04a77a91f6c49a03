import { screen } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatParametersText } from '../../shared/a1111'
import { GenerateForm } from '../../web/features/generate/generate-form'
import { startRealApi, type RealApi } from './real-api'
import { renderWithQuery } from './render'

let api: RealApi
beforeAll(async () => {
  api = await startRealApi()
})
afterAll(() => api.close())

async function pasteIntoPrompt(text: string) {
  api.connect()
  const { user } = renderWithQuery(<GenerateForm />)
  await user.click(screen.getByRole('textbox', { name: 'Prompt' }))
  await user.paste(text)
  return user
}

describe('pasting parameters text into the prompt box', () => {
  it('fills the form from A1111 text and names what it could not use', async () => {
    await pasteIntoPrompt(
      'a lighthouse at dusk\nNegative prompt: boats\nSteps: 30, Sampler: DPM++ 2M, CFG scale: 4.5, Seed: 777, Size: 1024x576, Model hash: 3f2a, Model: ernie-image',
    )
    expect(screen.getByRole('combobox', { name: 'Model' })).toHaveValue('ernie-image')
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('a lighthouse at dusk')
    expect(screen.getByRole('textbox', { name: 'Negative prompt' })).toHaveValue('boats')
    expect(screen.getByRole('spinbutton', { name: 'Steps' })).toHaveValue(30)
    expect(screen.getByRole('spinbutton', { name: 'Guidance' })).toHaveValue(4.5)
    expect(screen.getByRole('status')).toHaveTextContent('Not used (Darkroom has no such setting): Sampler, Model hash.')
  })

  it('reads what Darkroom itself copies, and says which parameters the model lacks', async () => {
    const text = formatParametersText('z-image-turbo', { prompt: 'a red fox', seed: 42, num_inference_steps: 6, guidance_scale: 7 })
    await pasteIntoPrompt(text)
    expect(screen.getByRole('combobox', { name: 'Model' })).toHaveValue('z-image-turbo')
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('a red fox')
    expect(screen.getByRole('spinbutton', { name: 'Steps' })).toHaveValue(6)
    expect(screen.getByRole('status')).toHaveTextContent('Z-Image Turbo has no guidance_scale; left out.')
  })

  it('leaves an ordinary prompt (even a dynamic one) as typed text', async () => {
    await pasteIntoPrompt('{red|green} fox, Steps: many')
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('{red|green} fox, Steps: many')
    expect(screen.queryByText(/Pasted parameters/)).toBeNull()
  })
})
