import { screen, waitFor, within } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Comparison } from '../../shared/compare'
import { ComparisonPage } from '../../web/features/compare/comparison-page'
import { startRealApi, type RealApi } from './real-api'
import { renderWithQuery } from './render'

describe("a comparison's lightbox", () => {
  let api: RealApi
  let comparison: Comparison
  beforeAll(async () => {
    api = await startRealApi()
    comparison = await api.json<Comparison>('/api/comparisons', {
      method: 'POST',
      json: { model: 'z-image-turbo', params: { prompt: 'a lighthouse' }, axes: { x: { param: 'num_inference_steps', values: [4, 8] } } },
    })
    await waitFor(
      async () => {
        const now = await api.json<Comparison>(`/api/comparisons/${comparison.id}`)
        expect(now.cells.map((c) => c.state)).toEqual(['completed', 'completed'])
      },
      { timeout: 20_000 },
    )
  })
  afterAll(() => api.close())

  it('stars an image in the lightbox and the grid knows it at once', async () => {
    api.connect()
    const { user } = renderWithQuery(<ComparisonPage id={comparison.id} />)
    const grid = await screen.findByRole('table', { name: 'Comparison grid' })
    await user.click(within(grid).getByRole('button', { name: /^Open .*steps 8$/ }))
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Open in lightbox' }))
    const lightbox = await screen.findByRole('dialog', { name: /Image 2 of 2/ })
    const star = within(lightbox).getByRole('button', { name: 'Favourite' })
    expect(star).toHaveAttribute('aria-pressed', 'false')
    await user.click(star)
    expect(star).toHaveAttribute('aria-pressed', 'true')
    await waitFor(() => expect(api.calls('PATCH', /^\/api\/images\//)).toHaveLength(1))
    // Back in the grid, the cell's own dialog shows the star without a reload.
    await user.click(within(lightbox).getByRole('button', { name: 'Close' }))
    await user.click(within(grid).getByRole('button', { name: /^Open .*steps 8$/ }))
    expect(within(screen.getByRole('dialog')).getByRole('button', { name: /Favourite/ })).toHaveAttribute('aria-pressed', 'true')
    expect(api.calls('GET', `/api/comparisons/${comparison.id}`)).toHaveLength(1)
  })
})
