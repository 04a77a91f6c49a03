import { screen, within } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Queue } from '../../shared/queue'
import { GenerateForm } from '../../web/features/generate/generate-form'
import { startRealApi, type RealApi } from './real-api'
import { renderWithQuery } from './render'

let api: RealApi
beforeAll(async () => {
  api = await startRealApi()
  // Jobs stay in Darkroom's queue, so the test reads exactly what the form made.
  await api.json('/api/queue', { method: 'PUT', json: { paused: true } })
})
afterAll(() => api.close())

async function form(prompt: string, runs: string) {
  api.connect()
  const { user } = renderWithQuery(<GenerateForm />)
  await user.selectOptions(screen.getByRole('combobox', { name: 'Model' }), 'z-image-turbo')
  await user.type(screen.getByRole('textbox', { name: 'Prompt' }), prompt)
  const field = screen.getByRole('spinbutton', { name: 'Runs' })
  await user.clear(field)
  await user.type(field, runs)
  return user
}

describe('N runs beside Generate', () => {
  it('shows the count and cost, and sends the settings N times as one batch with a new seed each', async () => {
    const user = await form('a paper kite', '3')
    expect(screen.getByText('$0.024')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Generate ×3' }))
    expect(await screen.findByText('Sent — it is in the job list.')).toBeInTheDocument()
    expect(api.calls('POST', '/api/jobs')).toEqual([])
    expect(api.calls('POST', '/api/batches').map((r) => r.body)).toEqual([
      { model: 'z-image-turbo', params: expect.objectContaining({ prompt: 'a paper kite' }), expand: { kind: 'runs', count: 3 } },
    ])
    const waiting = (await api.json<Queue>('/api/queue')).waiting
    expect(waiting.map((j) => j.prompt)).toEqual(['a paper kite', 'a paper kite', 'a paper kite'])
    expect(new Set(waiting.map((j) => j.seed)).size).toBe(3)
  })

  it('asks first above the confirmation threshold, and sends nothing when told to go back', async () => {
    const before = (await api.json<Queue>('/api/queue')).count
    const user = await form('a box kite', '20')
    await user.click(screen.getByRole('button', { name: 'Generate ×20' }))
    const dialog = await screen.findByRole('dialog')
    expect(within(dialog).getByRole('heading')).toHaveTextContent('Generate 20 images?')
    expect(dialog).toHaveTextContent('$0.16')
    await user.click(within(dialog).getByRole('button', { name: 'Back' }))
    expect(api.calls('POST', '/api/batches')).toEqual([])
    expect((await api.json<Queue>('/api/queue')).count).toBe(before)
  })

  it('names a bad run count and sends nothing', async () => {
    const user = await form('a kite', '0')
    expect(screen.getByRole('alert')).toHaveTextContent('Runs must be a whole number between 1 and 1000')
    await user.click(screen.getByRole('button', { name: 'Generate' }))
    expect(screen.getByRole('spinbutton', { name: 'Runs' })).toHaveFocus()
    expect(api.calls('POST', '/api/batches')).toEqual([])
    expect(api.calls('POST', '/api/jobs')).toEqual([])
  })
})
