import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { ComparisonPage } from '../../web/features/compare/comparison-page'
import { fakeCompareApi, makeComparison, THREE_BY_THREE } from './compare-fixtures'
import { renderWithQuery } from './render'

const grid = () => screen.findByRole('table', { name: 'Comparison grid' })
const fakeIntervals = () => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
const secondsPass = async (n: number) => {
  for (let i = 0; i < n; i++) await act(() => vi.advanceTimersByTimeAsync(1_000))
}

describe('comparison grid', () => {
  it('labels columns and rows with the axis values and shows every cell', async () => {
    fakeCompareApi({ comparison: makeComparison(THREE_BY_THREE) })
    renderWithQuery(<ComparisonPage id="cmp_1" />)
    const table = await grid()
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Steps ↓Model →', 'ERNIE Image Turbo', 'ERNIE Image 1.0', 'Z-Image Turbo'])
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['4', '6', '8'])
    expect(within(table).getAllByRole('img')).toHaveLength(9)
    expect(within(table).getByAltText('Z-Image Turbo · steps 6')).toHaveAttribute('src', '/files/thumbs/img_5.webp')
    // Z-Image has no guidance: its cells say so, the others do not.
    expect(within(table).getAllByText('Guidance n/a')).toHaveLength(3)
  })

  it('shows why a cell failed and re-runs that cell alone', async () => {
    const api = fakeCompareApi({ comparison: makeComparison(THREE_BY_THREE, ['completed', { failed: 'Prompt failed safety check.' }]) })
    const { user } = renderWithQuery(<ComparisonPage id="cmp_1" />)
    const table = await grid()
    expect(within(table).getByText('Prompt failed safety check.')).toBeInTheDocument()
    await user.click(within(table).getByRole('button', { name: 'Re-run ERNIE Image 1.0 · steps 4' }))
    await waitFor(() => expect(api.count('POST', '/api/comparisons/cmp_1/rerun')).toBe(1))
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ cells: [1] })
  })

  it('polls one request a second for the whole grid while cells run, and stops when none do', async () => {
    fakeIntervals()
    const running = makeComparison(THREE_BY_THREE, Array(9).fill('processing'))
    const api = fakeCompareApi({ comparison: running })
    renderWithQuery(<ComparisonPage id="cmp_1" />)
    await grid()
    expect(api.count('GET', '/api/comparisons/cmp_1')).toBe(1)
    await secondsPass(4)
    expect(api.count('GET', '/api/comparisons/cmp_1')).toBe(5)
    expect(api.calls.filter((c) => c.method === 'GET' && c.path !== '/api/comparisons/cmp_1')).toEqual([])

    api.comparison = makeComparison(THREE_BY_THREE)
    await secondsPass(1)
    await waitFor(async () => expect(within(await grid()).getAllByRole('img')).toHaveLength(9))
    await secondsPass(10)
    expect(api.count('GET', '/api/comparisons/cmp_1')).toBe(6)
  })

  it('swaps columns and rows, and hides values', async () => {
    fakeCompareApi({ comparison: makeComparison(THREE_BY_THREE) })
    const { user } = renderWithQuery(<ComparisonPage id="cmp_1" />)
    await grid()
    await user.click(screen.getByRole('button', { name: 'Swap columns ↔ rows' }))
    expect(
      within(await grid())
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['ERNIE Image Turbo', 'ERNIE Image 1.0', 'Z-Image Turbo'])
    await user.click(within(screen.getByRole('group', { name: 'Show Steps values' })).getByRole('button', { name: '6' }))
    const table = await grid()
    expect(
      within(table)
        .getAllByRole('columnheader')
        .slice(1)
        .map((h) => h.textContent),
    ).toEqual(['4', '8'])
    expect(within(table).getAllByRole('img')).toHaveLength(6)
  })

  it('opens a cell with every parameter, n/a where the model lacks one, and steps with the arrow keys', async () => {
    fakeCompareApi({ comparison: makeComparison(THREE_BY_THREE) })
    const { user } = renderWithQuery(<ComparisonPage id="cmp_1" />)
    await user.click(within(await grid()).getByRole('button', { name: 'Open Z-Image Turbo · steps 4' }))
    const dialog = screen.getByRole('dialog')
    expect(within(dialog).getByRole('heading', { name: 'Z-Image Turbo · steps 4' })).toBeInTheDocument()
    expect(within(dialog).getByText('Guidance').nextElementSibling).toHaveTextContent('n/a for this model (not sent)')
    expect(within(dialog).getByText('Seed').nextElementSibling).toHaveTextContent('4242')
    await user.keyboard('{ArrowRight}')
    expect(within(screen.getByRole('dialog')).getByRole('heading', { name: 'ERNIE Image Turbo · steps 6' })).toBeInTheDocument()
  })
})
