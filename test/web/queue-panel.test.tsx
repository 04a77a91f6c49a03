import { screen, waitFor, within } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Job } from '../../shared/api'
import type { Queue } from '../../shared/queue'
import { QueuePanel } from '../../web/components/queue/queue-panel'
import { startRealApi, type RealApi } from './real-api'
import { renderWithQuery } from './render'

let api: RealApi
beforeAll(async () => {
  api = await startRealApi()
})
afterAll(() => api.close())
afterEach(async () => {
  await api.json('/api/queue/cancel-waiting', { method: 'POST' })
  await api.json('/api/queue', { method: 'PUT', json: { paused: false } })
})

const queue = () => api.json<Queue>('/api/queue')
const serverOrder = async () => (await queue()).waiting.map((j) => j.prompt)

async function pausedWith(prompts: string[]) {
  await api.json('/api/queue', { method: 'PUT', json: { paused: true } })
  for (const prompt of prompts) await api.json<Job>('/api/jobs', { method: 'POST', json: { model: 'z-image-turbo', params: { prompt } } })
  api.connect()
  const rendered = renderWithQuery(<QueuePanel />)
  const list = await screen.findByRole('list', { name: 'Waiting jobs, next first' })
  return { ...rendered, list }
}

const rows = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .map((li) => li.querySelector('[title]')?.textContent)

describe('the queue panel', () => {
  it('shows the paused queue and moves jobs with the keyboard, focus staying on the job it moves', async () => {
    const { user, list } = await pausedWith(['alpha', 'beta', 'gamma'])
    expect(screen.getByTestId('queue-summary')).toHaveTextContent('Paused: nothing new is sent to Pixazo · 3 jobs waiting')
    expect(rows(list)).toEqual(['alpha', 'beta', 'gamma'])

    screen.getByRole('button', { name: 'Move “gamma” up' }).focus()
    await user.keyboard('{Enter}')
    await waitFor(() => expect(rows(list)).toEqual(['alpha', 'gamma', 'beta']))
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move “gamma” up' })))
    await user.keyboard('{Enter}')
    await waitFor(() => expect(rows(list)).toEqual(['gamma', 'alpha', 'beta']))
    // At the top Move up is disabled: focus moves to another button of the same job.
    await waitFor(() => expect(within(document.activeElement!.closest('li')!).getByTitle('gamma')).toBeInTheDocument())
    expect(await serverOrder()).toEqual(['gamma', 'alpha', 'beta'])

    await user.click(screen.getByRole('button', { name: 'Run next: “beta”' }))
    await waitFor(() => expect(rows(list)).toEqual(['beta', 'gamma', 'alpha']))
    expect(await serverOrder()).toEqual(['beta', 'gamma', 'alpha'])
    expect(api.calls('POST', '/api/queue/run-next').map((r) => r.body)).toHaveLength(1)
  })

  it('cancels all waiting jobs after showing how many, and resumes the queue', async () => {
    const { user } = await pausedWith(['one', 'two'])
    await user.click(screen.getByRole('button', { name: 'Cancel all waiting (2)' }))
    const dialog = await screen.findByRole('dialog')
    expect(within(dialog).getByRole('heading')).toHaveTextContent('Cancel 2 jobs waiting?')
    await user.click(within(dialog).getByRole('button', { name: 'Cancel 2 jobs' }))
    expect(await screen.findByText('Cancelled 2 jobs that had not been sent.')).toBeInTheDocument()
    expect(await queue()).toMatchObject({ count: 0 })
    await waitFor(() => expect(screen.getByTestId('queue-summary')).toHaveTextContent('nothing waiting'))

    await user.click(screen.getByRole('button', { name: 'Resume queue' }))
    expect(await screen.findByRole('button', { name: 'Pause queue' })).toBeInTheDocument()
    expect(await queue()).toMatchObject({ paused: false })
  })
})
