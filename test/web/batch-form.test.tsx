import { screen, within } from '@testing-library/react'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobList } from '../../shared/api'
import { GenerateForm } from '../../web/features/generate/generate-form'
import { startRealApi, type RealApi } from './real-api'
import { renderWithQuery, unreadableFile } from './render'

let api: RealApi
beforeAll(async () => {
  // $0.03 a day: three Z-Image Turbo images ($0.008 each) fit, five do not (completed images count).
  api = await startRealApi({ env: { DAILY_BUDGET_USD: '0.03' } })
  await api.json('/api/prompt-lists/colour', { method: 'PUT', json: { entries: ['red', 'blue'] } })
})
afterAll(() => api.close())

async function fillTemplate(template: string) {
  api.connect()
  const { user } = renderWithQuery(<GenerateForm />)
  await user.selectOptions(screen.getByRole('combobox', { name: 'Model' }), 'z-image-turbo')
  await user.click(screen.getByRole('textbox', { name: 'Prompt' }))
  // Pasted: typing would read the braces as key names.
  await user.paste(template)
  return user
}

describe('a dynamic prompt in the generate form', () => {
  it('counts and prices the prompts a named list from the server makes, and sends the template, not the list', async () => {
    const user = await fillTemplate('a __colour__ fox')
    const preview = screen.getByRole('region', { name: 'Dynamic prompt' })
    expect(await within(preview).findByText('2 prompts')).toBeInTheDocument()
    expect(within(preview).getByTestId('batch-count')).toHaveTextContent('Expands to 2 prompts · 2 images · $0.016')
    await user.click(screen.getByRole('button', { name: 'Generate 2' }))
    expect(await screen.findByText('Sent — it is in the job list.')).toBeInTheDocument()
    expect(api.calls('POST', '/api/jobs')).toEqual([])
    expect(api.calls('POST', '/api/batches').map((r) => r.body)).toEqual([
      { model: 'z-image-turbo', params: expect.objectContaining({ prompt: 'a __colour__ fox' }), expand: { kind: 'all' } },
    ])
    const jobs = await api.json<JobList>('/api/jobs')
    expect(jobs.items.map((j) => j.prompt).sort()).toEqual(['a blue fox', 'a red fox'])
  })

  it('shows the budget refusal for the whole batch with the figures, and creates nothing', async () => {
    const before = (await api.json<JobList>('/api/jobs')).items.length
    const user = await fillTemplate('a {1-3} owls')
    await user.click(screen.getByRole('button', { name: 'Generate 3' }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(/Over the daily budget: \$0\.016 spent or reserved so far, this would add \$0\.024/)
    expect((await api.json<JobList>('/api/jobs')).items).toHaveLength(before)
  })
})

describe('a batch from a file in the generate form', () => {
  async function openFilePanel() {
    api.connect()
    const { user } = renderWithQuery(<GenerateForm />)
    await user.selectOptions(screen.getByRole('combobox', { name: 'Model' }), 'z-image-turbo')
    await user.click(screen.getByText('Batch from a file'))
    return user
  }

  it('lists every bad row by line with the field and the limit, and sends nothing', async () => {
    const user = await openFilePanel()
    await user.click(screen.getByRole('textbox', { name: 'Prompts file' }))
    await user.paste('prompt,num_inference_steps\na fox,6\nan owl,30\n,4')
    expect(screen.getByRole('combobox', { name: 'File format' })).toHaveDisplayValue('Format: detect (CSV with a header)')
    const alert = screen.getByRole('alert')
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Line 3, num_inference_steps: Steps must be between 1 and 8', 'Line 4, prompt: Prompt is required'])
    expect(screen.queryByRole('button', { name: /from the file/ })).toBeNull()
    expect(api.calls('POST', '/api/batches')).toEqual([])
  })

  it('says a chosen file could not be read, naming it, and keeps what was pasted', async () => {
    const user = await openFilePanel()
    await user.click(screen.getByRole('textbox', { name: 'Prompts file' }))
    await user.paste('a wren on a gate')
    await user.upload(screen.getByLabelText('Choose a file…'), unreadableFile('moved.txt'))
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not read moved.txt (The file could not be read); choose it again.')
    expect(screen.getByRole('textbox', { name: 'Prompts file' })).toHaveValue('a wren on a gate')
    expect(api.calls('POST', '/api/batches')).toEqual([])
  })

  it('loads a chosen file, shows its count and cost, and runs each line as a job', async () => {
    const before = (await api.json<JobList>('/api/jobs')).items.length
    const user = await openFilePanel()
    // One image fits today's budget after the first test's two.
    await user.upload(screen.getByLabelText('Choose a file…'), new File(['a hare at dawn\n'], 'prompts.txt', { type: 'text/plain' }))
    expect(await screen.findByTestId('file-batch-count')).toHaveTextContent('1 prompt · 1 image · $0.008')
    await user.click(screen.getByRole('button', { name: 'Generate 1 from the file' }))
    expect(await screen.findByText('1 job sent from the file — they are in the job list.')).toBeInTheDocument()
    expect(api.calls('POST', '/api/batches').map((r) => r.body)).toEqual([
      { model: 'z-image-turbo', params: expect.any(Object), expand: { kind: 'file', format: 'lines', text: 'a hare at dawn\n' } },
    ])
    const jobs = (await api.json<JobList>('/api/jobs')).items
    expect(jobs).toHaveLength(before + 1)
    expect(jobs[0]!.prompt).toBe('a hare at dawn')
  })
})
