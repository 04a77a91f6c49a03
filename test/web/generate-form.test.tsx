import { screen, waitFor, within } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GenerateForm } from '../../web/features/generate/generate-form'
import { JobList } from '../../web/features/jobs/job-list'
import { startRealApi, type RealApi } from './real-api'
import { renderWithQuery } from './render'

const modelSelect = () => screen.getByRole('combobox', { name: 'Model' })
const prompt = () => screen.getByRole('textbox', { name: 'Prompt' })
const steps = () => screen.getByRole('spinbutton', { name: 'Steps' })
const generate = () => screen.getByRole('button', { name: 'Generate' })

let api: RealApi
beforeAll(async () => {
  api = await startRealApi()
})
afterAll(() => api.close())

describe('generate form', () => {
  it('offers the three models by their display names', () => {
    api.connect()
    renderWithQuery(<GenerateForm />)
    const names = within(modelSelect())
      .getAllByRole('option')
      .map((o) => o.textContent)
    expect(names).toEqual(['ERNIE Image Turbo', 'ERNIE Image 1.0', 'Z-Image Turbo'])
  })

  it("renders each model's own fields, ranges and defaults", async () => {
    api.connect()
    const { user } = renderWithQuery(<GenerateForm />)
    expect(screen.getByRole('textbox', { name: 'Negative prompt' })).toBeInTheDocument()
    expect(screen.getByRole('spinbutton', { name: 'Guidance' })).toHaveValue(1)
    expect(steps()).toHaveValue(8)
    expect(steps()).toHaveAttribute('max', '20')

    await user.selectOptions(modelSelect(), 'ERNIE Image 1.0')
    expect(steps()).toHaveValue(50)
    expect(steps()).toHaveAttribute('max', '100')
    expect(screen.getByRole('spinbutton', { name: 'Guidance' })).toHaveValue(5)

    await user.selectOptions(modelSelect(), 'Z-Image Turbo')
    expect(screen.queryByRole('textbox', { name: 'Negative prompt' })).not.toBeInTheDocument()
    expect(screen.queryByRole('spinbutton', { name: 'Guidance' })).not.toBeInTheDocument()
    expect(steps()).toHaveValue(8)
    expect(steps()).toHaveAttribute('max', '8')
    expect(screen.getByRole('combobox', { name: 'Format' })).toHaveValue('png')
    expect(within(screen.getByRole('combobox', { name: 'Acceleration' })).getAllByRole('option')).toHaveLength(1)
  })

  it('keeps the prompt and the values that still fit when the model changes', async () => {
    api.connect()
    const { user } = renderWithQuery(<GenerateForm />)
    await user.type(prompt(), 'a koi pond in rain')
    await user.clear(steps())
    await user.type(steps(), '6')
    await user.selectOptions(modelSelect(), 'Z-Image Turbo')
    expect(prompt()).toHaveValue('a koi pond in rain')
    expect(steps()).toHaveValue(6)

    await user.selectOptions(modelSelect(), 'ERNIE Image 1.0')
    await user.clear(steps())
    await user.type(steps(), '80')
    await user.selectOptions(modelSelect(), 'Z-Image Turbo')
    expect(steps()).toHaveValue(8)
  })

  it("lists the model's size presets with pixel sizes, and Custom… reveals width and height", async () => {
    api.connect()
    const { user } = renderWithQuery(<GenerateForm />)
    await user.selectOptions(modelSelect(), 'Z-Image Turbo')
    const size = screen.getByRole('combobox', { name: 'Image size' })
    const labels = within(size)
      .getAllByRole('option')
      .map((o) => o.textContent)
    expect(labels).toContain('Landscape 4:3 · 1024×768')
    expect(labels).toHaveLength(7)
    expect(size).toHaveValue('landscape_4_3')

    await user.selectOptions(size, 'Custom…')
    expect(screen.getByRole('spinbutton', { name: 'Width' })).toHaveAttribute('max', '2048')
    expect(screen.getByRole('spinbutton', { name: 'Height' })).toHaveAttribute('min', '256')
  })

  it('shows a validation error next to the field and sends nothing', async () => {
    api.connect()
    const { user } = renderWithQuery(<GenerateForm />)
    await user.click(generate())
    expect(prompt()).toHaveAttribute('aria-invalid', 'true')
    expect(prompt()).toHaveAccessibleDescription(expect.stringContaining('Prompt is required'))

    await user.type(prompt(), 'a paper boat')
    await user.clear(steps())
    await user.type(steps(), '30')
    await user.click(generate())
    expect(steps()).toHaveAccessibleDescription(expect.stringContaining('Steps must be between 1 and 20'))
    expect(prompt()).not.toHaveAttribute('aria-invalid')
    expect(api.calls('POST', '/api/jobs')).toHaveLength(0)
  })

  it("shows the server's field errors next to those fields", async () => {
    // The form checks what the server checks, so the server's field errors are stood in for here.
    const refusal = { error: { message: 'Invalid parameters', fields: { guidance_scale: 'Guidance 19.5 is refused upstream' } } }
    api.connect((r) => (r.method === 'POST' && r.path === '/api/jobs' ? Response.json(refusal, { status: 400 }) : undefined))
    const { user } = renderWithQuery(<GenerateForm />)
    await user.type(prompt(), 'a glass city')
    await user.click(generate())
    const guidance = screen.getByRole('spinbutton', { name: 'Guidance' })
    await waitFor(() => expect(guidance).toHaveAttribute('aria-invalid', 'true'))
    expect(guidance).toHaveAccessibleDescription(expect.stringContaining('Guidance 19.5 is refused upstream'))
    expect(screen.getByRole('alert')).toHaveTextContent('Invalid parameters')
  })

  it("submits with Ctrl+Enter, sends the model's parameters, and keeps the form", async () => {
    api.connect()
    const { user } = renderWithQuery(<GenerateForm />)
    await user.type(prompt(), 'a moth on velvet')
    await user.keyboard('{Control>}{Enter}{/Control}')
    await waitFor(() => expect(api.calls('POST', '/api/jobs')).toHaveLength(1))
    const body = api.calls('POST', '/api/jobs')[0]?.body
    expect(body).toMatchObject({
      model: 'ernie-image-turbo',
      params: { prompt: 'a moth on velvet', num_inference_steps: 8, guidance_scale: 1, image_size: 'square_hd', num_images: 1 },
    })
    expect(body).not.toHaveProperty('params.seed')
    expect(prompt()).toHaveValue('a moth on velvet')
  })

  it('sends a fixed seed and a custom size when asked to', async () => {
    api.connect()
    const { user } = renderWithQuery(<GenerateForm />)
    await user.type(prompt(), 'a desert road')
    await user.click(screen.getByRole('checkbox', { name: 'Random seed' }))
    const seed = screen.getByRole('spinbutton', { name: 'Seed' })
    await user.clear(seed)
    await user.type(seed, '1234')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Image size' }), 'Custom…')
    await user.clear(screen.getByRole('spinbutton', { name: 'Width' }))
    await user.type(screen.getByRole('spinbutton', { name: 'Width' }), '768')
    await user.click(generate())
    await waitFor(() => expect(api.calls('POST', '/api/jobs')).toHaveLength(1))
    expect(api.calls('POST', '/api/jobs')[0]?.body).toMatchObject({
      params: { seed: 1234, image_size: { width: 768, height: 1024 } },
    })
  })

  it('shows the cost before submitting, or that the price is unknown', async () => {
    api.connect()
    const { user } = renderWithQuery(<GenerateForm />)
    expect(screen.getByText('Price unknown')).toBeInTheDocument()
    await user.selectOptions(modelSelect(), 'Z-Image Turbo')
    const images = screen.getByRole('spinbutton', { name: 'Images' })
    await user.clear(images)
    await user.type(images, '3')
    expect(screen.getByText('$0.024')).toBeInTheDocument()
    expect(screen.queryByText('Price unknown')).not.toBeInTheDocument()
  })
})

describe('generate form with the jobs list', () => {
  // A server of its own, so the list starts empty.
  let api: RealApi
  beforeAll(async () => {
    api = await startRealApi()
  })
  afterAll(() => api.close())

  it('puts a submitted job in the jobs list', async () => {
    api.connect()
    const { user } = renderWithQuery(
      <>
        <GenerateForm />
        <JobList />
      </>,
    )
    expect(await screen.findByText(/No jobs yet/)).toBeInTheDocument()
    // The gateway's clock stands still, so the job is still queued when the list shows it.
    api.clock.hold()
    await user.type(prompt(), 'an owl made of brass')
    await user.click(generate())
    const jobs = await screen.findByRole('list', { name: 'Jobs' })
    expect(within(jobs).getByText('an owl made of brass')).toBeInTheDocument()
    expect(await within(jobs).findByText('Queued')).toBeInTheDocument()
    api.clock.release()
  })
})
