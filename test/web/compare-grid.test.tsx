import { act, screen, waitFor, within } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Job } from '../../shared/api'
import { isCellActive, type Comparison, type ComparisonSpec } from '../../shared/compare'
import { ComparisonPage } from '../../web/features/compare/comparison-page'
import { startRealApi, untilServer, type RealApi } from './real-api'
import { renderWithQuery } from './render'

const grid = () => screen.findByRole('table', { name: 'Comparison grid' })
const fakeIntervals = () => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
const secondsPass = async (n: number) => {
  for (let i = 0; i < n; i++) await act(() => vi.advanceTimersByTimeAsync(1_000))
}

/** Three models across, three step counts down, one seed; Z-Image has no guidance. */
const THREE_BY_THREE: ComparisonSpec & { seed: number } = {
  title: 'Model × Steps · a lighthouse',
  model: 'ernie-image-turbo',
  params: { prompt: 'a lighthouse', guidance_scale: 5 },
  seed: 4242,
  axes: {
    x: { param: 'model', values: ['ernie-image-turbo', 'ernie-image', 'z-image-turbo'] },
    y: { param: 'num_inference_steps', values: [4, 6, 8] },
  },
}

let api: RealApi
const create = () => api.json<Comparison>('/api/comparisons', { method: 'POST', json: THREE_BY_THREE })
const read = (id: string) => api.json<Comparison>(`/api/comparisons/${id}`)
async function settle(id: string): Promise<Comparison> {
  let comparison: Comparison | undefined
  await vi.waitFor(
    async () => {
      comparison = await read(id)
      expect(comparison.cells.filter((c) => isCellActive(c.state))).toEqual([])
    },
    { timeout: 90_000, interval: 50 },
  )
  return comparison!
}

/** A finished 3 × 3 grid, made through the API with the simulator as gateway. */
let done: Comparison
beforeAll(async () => {
  // Room upstream for a whole grid at once, so a held grid settles into nine queued cells.
  api = await startRealApi({ env: { PIXAZO_MAX_IN_FLIGHT: '9' } })
  done = await settle((await create()).id)
  expect(done.cells.map((c) => c.state)).toEqual(Array(9).fill('completed'))
})
afterAll(() => api.close())
afterEach(() => {
  vi.useRealTimers()
  api.clock.release()
})

describe('comparison grid', () => {
  it('labels columns and rows with the axis values and shows every cell', async () => {
    api.connect()
    renderWithQuery(<ComparisonPage id={done.id} />)
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
    const zImageSix = done.cells.find((c) => c.model === 'z-image-turbo' && c.params.num_inference_steps === 6)!
    expect(within(table).getByAltText('Z-Image Turbo · steps 6')).toHaveAttribute('src', zImageSix.image!.thumbUrl)
    // Z-Image has no guidance: its cells say so, the others do not.
    expect(within(table).getAllByText('Guidance n/a')).toHaveLength(3)
  })

  it('shows why a cell failed and re-runs that cell alone', async () => {
    // The gateway's clock stands still until the second cell's job is known upstream; then the
    // gateway is told to fail that job, and time runs on.
    api.clock.hold()
    const created = await create()
    const second = await vi.waitFor(
      async () => {
        const cell = (await read(created.id)).cells[1]!
        const job = cell.jobId ? await api.json<Job>(`/api/jobs/${cell.jobId}`) : null
        if (!job?.requestId) throw new Error('cell 1 not sent yet')
        return job
      },
      { timeout: 60_000, interval: 30 },
    )
    api.sim!.control.failJob(second.requestId!, { outcome: 'FAILED', message: 'Prompt failed safety check.' })
    api.clock.release()
    const settled = await settle(created.id)
    expect(settled.cells.map((c) => c.state)).toEqual(['completed', 'failed', ...Array(7).fill('completed')])

    api.connect()
    const { user } = renderWithQuery(<ComparisonPage id={created.id} />)
    const table = await grid()
    expect(within(table).getByText('Prompt failed safety check.')).toBeInTheDocument()
    await user.click(within(table).getByRole('button', { name: 'Re-run ERNIE Image 1.0 · steps 4' }))
    await waitFor(() => expect(api.calls('POST', `/api/comparisons/${created.id}/rerun`)).toHaveLength(1))
    expect(api.calls('POST', `/api/comparisons/${created.id}/rerun`)[0]?.body).toEqual({ cells: [1] })
    // The server made one new job, for that cell only.
    expect((await settle(created.id)).cells.map((c) => c.state)).toEqual(Array(9).fill('completed'))
  })

  it('polls one request a second for the whole grid while cells run, and stops when none do', async () => {
    // Upstream time stands still: the cells stay in flight until the test lets them finish.
    api.clock.hold()
    const running = await create()
    const path = `/api/comparisons/${running.id}`
    // Every cell sent and queued upstream: from here each poll reads the same grid.
    await vi.waitFor(async () => expect((await read(running.id)).cells.map((c) => c.state)).toEqual(Array(9).fill('queued')), {
      timeout: 60_000,
      interval: 30,
    })
    api.connect()
    fakeIntervals()
    renderWithQuery(<ComparisonPage id={running.id} />)
    await grid()
    expect(api.calls('GET', path)).toHaveLength(1)
    await secondsPass(4)
    expect(api.calls('GET', path)).toHaveLength(5)
    expect(api.requests.filter((c) => c.method === 'GET' && c.path !== path)).toEqual([])

    api.clock.release()
    await untilServer(async () => !(await read(running.id)).cells.some((c) => isCellActive(c.state)))
    await secondsPass(1)
    await waitFor(async () => expect(within(await grid()).getAllByRole('img')).toHaveLength(9))
    await secondsPass(10)
    expect(api.calls('GET', path)).toHaveLength(6)
  })

  it('swaps columns and rows, and hides values', async () => {
    api.connect()
    const { user } = renderWithQuery(<ComparisonPage id={done.id} />)
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
    api.connect()
    const { user } = renderWithQuery(<ComparisonPage id={done.id} />)
    await user.click(within(await grid()).getByRole('button', { name: 'Open Z-Image Turbo · steps 4' }))
    const dialog = screen.getByRole('dialog')
    expect(within(dialog).getByRole('heading', { name: 'Z-Image Turbo · steps 4' })).toBeInTheDocument()
    expect(within(dialog).getByText('Guidance').nextElementSibling).toHaveTextContent('n/a for this model (not sent)')
    expect(within(dialog).getByText('Seed').nextElementSibling).toHaveTextContent('4242')
    await user.keyboard('{ArrowRight}')
    expect(within(screen.getByRole('dialog')).getByRole('heading', { name: 'ERNIE Image Turbo · steps 6' })).toBeInTheDocument()
  })
})
