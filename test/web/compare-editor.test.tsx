import { screen, waitFor, within } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Comparison } from '../../shared/compare'
import { ComparePage } from '../../web/features/compare/compare-page'
import { startRealApi, type RealApi } from './real-api'
import { renderWithQuery } from './render'

// The real server with its default limits: up to 100 images a run, confirmation above 16. The
// gateway's clock stands still: what the editor sends matters here, not the pictures.
let api: RealApi
beforeAll(async () => {
  api = await startRealApi()
  api.clock.hold()
})
afterAll(() => api.close())

const summary = () => screen.getByLabelText('Run summary')
const run = () => screen.getByRole('button', { name: 'Run comparison' })

async function start() {
  api.connect()
  const rendered = renderWithQuery(<ComparePage from={null} />)
  await rendered.user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'a lighthouse')
  await waitFor(() => expect(run()).toBeEnabled())
  return rendered
}

describe('comparison editor', () => {
  it('starts with every model across and three step counts down, and shows count and cost before running', async () => {
    await start()
    expect(summary()).toHaveTextContent('9 images · $0.024 + unknown')
    expect(summary()).toHaveTextContent('6 images at a price Pixazo does not publish')
    const preview = screen.getByRole('table', { name: 'Grid preview' })
    expect(
      within(preview)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['4', '6', '8'])
  })

  it('shows n/a in the preview for a shared parameter a model lacks', async () => {
    const { user } = await start()
    await user.selectOptions(screen.getByRole('combobox', { name: 'Add a shared parameter' }), 'Guidance')
    expect(screen.getByText('ERNIE Image Turbo 1–20, ERNIE Image 1.0 1–20 · n/a for Z-Image Turbo')).toBeInTheDocument()
    expect(within(screen.getByRole('table', { name: 'Grid preview' })).getAllByText('n/a: Guidance')).toHaveLength(3)
  })

  it('marks cells out of range next to the axis and still lets the rest run', async () => {
    const { user } = await start()
    const values = screen.getByRole('textbox', { name: 'Y values' })
    await user.clear(values)
    await user.type(values, '4, 12')
    expect(screen.getByRole('group', { name: 'Y axis' })).toHaveTextContent(
      '1 cell is out of range for the model and will not be sent: Z-Image Turbo: Steps must be between 1 and 8',
    )
    expect(within(screen.getByRole('table', { name: 'Grid preview' })).getAllByText('Out of range for this model')).toHaveLength(1)
    expect(run()).toBeEnabled()
    expect(api.calls('POST', '/api/comparisons').length).toBe(0)
  })

  it('offers to clamp out-of-range values instead, and sends the grid asking for that', async () => {
    const { user } = await start()
    const values = screen.getByRole('textbox', { name: 'Y values' })
    await user.clear(values)
    await user.type(values, '4, 12')
    await user.click(screen.getByRole('checkbox', { name: /Clamp out-of-range values to each model's range/ }))
    expect(screen.getByRole('group', { name: 'Y axis' })).toHaveTextContent("1 cell is clamped to the model's range: Z-Image Turbo: Steps 12 → 8")
    expect(within(screen.getByRole('table', { name: 'Grid preview' })).queryByText('Out of range for this model')).toBeNull()
    await user.click(run())
    await waitFor(() => expect(api.calls('POST', '/api/comparisons').length).toBe(1))
    expect(api.calls('POST', '/api/comparisons')[0]?.body).toMatchObject({ outOfRange: 'clamp' })
    await waitFor(() => expect(window.location.pathname).toMatch(/^\/compare\/[^/]+$/))
    const made = await api.json<Comparison>(`/api${window.location.pathname.replace('/compare/', '/comparisons/')}`)
    expect(made.cells.map((c) => c.params.num_inference_steps)).toEqual([4, 4, 4, 12, 12, 8])
  })

  it('sends the whole grid in one request with the shared seed it shows', async () => {
    const { user } = await start()
    const seed = (screen.getByRole('textbox', { name: 'Shared seed' }) as HTMLInputElement).value
    await user.click(run())
    await waitFor(() => expect(api.calls('POST', '/api/comparisons').length).toBe(1))
    expect(api.calls('POST', '/api/comparisons')[0]?.body).toEqual({
      title: '',
      model: 'ernie-image-turbo',
      params: { prompt: 'a lighthouse' },
      seed: Number(seed),
      axes: {
        x: { param: 'model', values: ['ernie-image-turbo', 'ernie-image', 'z-image-turbo'] },
        y: { param: 'num_inference_steps', values: [4, 6, 8] },
      },
      outOfRange: 'skip',
      confirm: false,
    })
    // The page moves to the comparison the server made of exactly that grid.
    await waitFor(() => expect(window.location.pathname).toMatch(/^\/compare\/[^/]+$/))
    const made = await api.json<Comparison>(`/api${window.location.pathname.replace('/compare/', '/comparisons/')}`)
    expect(made.spec).toMatchObject({ seed: Number(seed), params: { prompt: 'a lighthouse' } })
    expect(made.cells).toHaveLength(9)
  })

  it('asks first when the run is over the confirmation threshold', async () => {
    const { user } = await start()
    const values = screen.getByRole('textbox', { name: 'Y values' })
    await user.clear(values)
    await user.type(values, '1-6')
    expect(summary()).toHaveTextContent('18 images')
    await user.click(run())
    const dialog = screen.getByRole('dialog', { name: 'Run 18 images?' })
    expect(api.calls('POST', '/api/comparisons').length).toBe(0)
    await user.click(within(dialog).getByRole('button', { name: 'Run 18 images' }))
    await waitFor(() => expect(api.calls('POST', '/api/comparisons').length).toBe(1))
    expect(api.calls('POST', '/api/comparisons')[0]?.body).toMatchObject({ confirm: true })
    await waitFor(() => expect(window.location.pathname).toMatch(/^\/compare\/[^/]+$/))
  })
})
