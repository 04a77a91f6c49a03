// Dropping an image Darkroom downloaded on the form restores its parameters; the files are made by
// the server's own writer, so this reads exactly what a download carries.
import { fireEvent, screen } from '@testing-library/react'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { embedParameters } from '../../server/images/embed-metadata'
import type { EmbeddedParameters } from '../../shared/image-metadata'
import { GenerateForm } from '../../web/features/generate/generate-form'
import { startRealApi, type RealApi } from './real-api'
import { renderWithQuery } from './render'

const base = (format: 'png' | 'jpeg') => {
  const blank = sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } })
  return (format === 'png' ? blank.png() : blank.jpeg()).toBuffer()
}

async function imageFile(name: string, format: 'png' | 'jpeg', payload?: EmbeddedParameters) {
  const plain = await base(format)
  const bytes = payload ? embedParameters(plain, `image/${format}`, payload, { width: 8, height: 8 }) : plain
  return new File([new Uint8Array(bytes)], name, { type: `image/${format}` })
}

const form = () => screen.getByRole('region', { name: 'Create' })
const drop = (file: File) => {
  fireEvent.dragOver(form(), { dataTransfer: { types: ['Files'], files: [file], dropEffect: 'none' } })
  fireEvent.drop(form(), { dataTransfer: { types: ['Files'], files: [file] } })
}

let api: RealApi
beforeAll(async () => {
  api = await startRealApi()
})
afterAll(() => api.close())

describe('drop an image on the form', () => {
  it('restores the model and every parameter a downloaded PNG carries', async () => {
    api.connect()
    renderWithQuery(<GenerateForm />)
    const file = await imageFile('darkroom-a-heron-4242-0.png', 'png', {
      app: 'darkroom',
      model: 'ernie-image',
      params: {
        prompt: 'a grey heron at dawn',
        negative_prompt: 'boats',
        image_size: { width: 1024, height: 640 },
        num_inference_steps: 36,
        guidance_scale: 6.5,
        num_images: 2,
        seed: 4242,
        output_format: 'png',
      },
      requestId: 'req_1',
    })
    fireEvent.dragOver(form(), { dataTransfer: { types: ['Files'], files: [file], dropEffect: 'none' } })
    expect(screen.getByText('Drop an image to restore its parameters')).toBeInTheDocument()
    fireEvent.drop(form(), { dataTransfer: { types: ['Files'], files: [file] } })
    expect(await screen.findByText('Restored ERNIE Image 1.0 parameters from darkroom-a-heron-4242-0.png.')).toBeInTheDocument()
    expect(screen.queryByText('Drop an image to restore its parameters')).not.toBeInTheDocument()
    expect(screen.getByRole('combobox', { name: 'Model' })).toHaveDisplayValue('ERNIE Image 1.0')
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('a grey heron at dawn')
    expect(screen.getByRole('textbox', { name: 'Negative prompt' })).toHaveValue('boats')
    expect(screen.getByRole('combobox', { name: 'Image size' })).toHaveValue('custom')
    expect(screen.getByRole('spinbutton', { name: 'Width' })).toHaveValue(1024)
    expect(screen.getByRole('spinbutton', { name: 'Height' })).toHaveValue(640)
    expect(screen.getByRole('spinbutton', { name: 'Steps' })).toHaveValue(36)
    expect(screen.getByRole('spinbutton', { name: 'Guidance' })).toHaveValue(6.5)
    expect(screen.getByRole('spinbutton', { name: 'Images' })).toHaveValue(2)
    expect(screen.getByRole('spinbutton', { name: 'Seed' })).toHaveValue(4242)
    expect(screen.getByRole('combobox', { name: 'Format' })).toHaveValue('png')
  })

  it('restores from a JPEG too', async () => {
    api.connect()
    renderWithQuery(<GenerateForm />)
    drop(
      await imageFile('fox.jpg', 'jpeg', {
        app: 'darkroom',
        model: 'z-image-turbo',
        params: { prompt: 'a red fox', num_inference_steps: 5, seed: 9, image_size: 'portrait_4_3' },
      }),
    )
    expect(await screen.findByText('Restored Z-Image Turbo parameters from fox.jpg.')).toBeInTheDocument()
    expect(screen.getByRole('combobox', { name: 'Model' })).toHaveDisplayValue('Z-Image Turbo')
    expect(screen.getByRole('spinbutton', { name: 'Steps' })).toHaveValue(5)
    expect(screen.getByRole('combobox', { name: 'Image size' })).toHaveValue('portrait_4_3')
  })

  it('says so, and changes nothing, when the image carries no parameters', async () => {
    api.connect()
    const { user } = renderWithQuery(<GenerateForm />)
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'keep me')
    drop(await imageFile('holiday.png', 'png'))
    expect(await screen.findByText('holiday.png carries no Darkroom parameters; the form is unchanged.')).toBeInTheDocument()
    expect(screen.getByRole('textbox', { name: 'Prompt' })).toHaveValue('keep me')
    drop(new File(['hello'], 'notes.txt', { type: 'text/plain' }))
    expect(await screen.findByText('notes.txt is not a PNG, JPEG or WebP image.')).toBeInTheDocument()
  })
})
