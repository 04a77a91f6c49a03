// Dynamic prompts in real Chromium against `npm start` in demo mode: a template's count and cost
// before Generate, the batch it makes, the gallery finding its images by the template, and a
// confirmation above the threshold.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import type { Job } from '../../shared/api'

// One word no other test's prompt contains, so views here narrow to this file's images.
const RUN = `bat${Date.now().toString(36)}`

const promptBox = (page: Page) => page.getByRole('textbox', { name: 'Prompt', exact: true })
const jobsOf = async (request: APIRequestContext, template: string): Promise<Job[]> =>
  ((await (await request.get('/api/jobs?limit=200')).json()) as { items: Job[] }).items.filter((j) => j.promptTemplate === template)

test.beforeEach(async ({ page }) => {
  await page.goto('/')
  await expect(page.getByText('Demo mode')).toBeVisible()
  await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Z-Image Turbo' })
})

test('a template of 6 prompts shows its count and cost, runs, and the gallery finds the images by template', async ({ page, request }) => {
  const template = `${RUN} a {red|green|blue} fox in {snow|rain}`
  await promptBox(page).fill(template)
  const preview = page.getByRole('region', { name: 'Dynamic prompt' })
  await expect(preview.getByTestId('batch-count')).toHaveText('Expands to 6 prompts · 6 images · $0.048')
  await expect(page.getByText('$0.048', { exact: true })).toBeVisible()
  await preview.getByText('Show the prompts').click()
  await expect(preview.getByRole('listitem')).toHaveCount(6)
  await expect(preview.getByRole('listitem').first()).toHaveText(`${RUN} a red fox in snow`)

  await page.getByRole('button', { name: 'Generate 6' }).click()
  await expect(page.getByText('6 jobs submitted to Z-Image Turbo.')).toBeAttached()
  const jobs = await jobsOf(request, template)
  expect(jobs.map((j) => j.prompt).sort()).toEqual(
    ['red', 'green', 'blue'].flatMap((c) => ['snow', 'rain'].map((w) => `${RUN} a ${c} fox in ${w}`)).sort(),
  )
  for (const job of jobs) {
    await expect.poll(async () => ((await (await request.get(`/api/jobs/${job.id}`)).json()) as Job).status, { timeout: 45_000 }).toBe('completed')
  }

  await page.goto(`/gallery?q=${encodeURIComponent(`template:"${RUN} a {red|green|blue}"`)}`)
  const tiles = page.getByRole('list', { name: 'Images' }).getByRole('listitem')
  await expect(tiles).toHaveCount(6)
  // And by the prompt one image was made from.
  const box = page.getByRole('searchbox', { name: 'Search images' })
  await box.fill(`"${RUN} a green fox in rain"`)
  await box.press('Enter')
  await expect(tiles).toHaveCount(1)
})

test('a malformed template names the position and sends nothing', async ({ page }) => {
  const posts: string[] = []
  page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()))
  await promptBox(page).fill(`${RUN} a {red|green fox`)
  await expect(page.getByRole('region', { name: 'Dynamic prompt' }).getByRole('alert')).toContainText(/at character \d+/)
  await page.getByRole('button', { name: 'Generate' }).click()
  await expect(promptBox(page)).toHaveAttribute('aria-invalid', 'true')
  expect(posts.filter((u) => u.includes('/api/batches') || u.includes('/api/jobs'))).toEqual([])
})

test('random draws make the number asked for; a batch above the threshold is confirmed first', async ({ page, request }) => {
  const template = `${RUN} {1-30} paper cranes`
  await promptBox(page).fill(template)
  const preview = page.getByRole('region', { name: 'Dynamic prompt' })
  await expect(preview.getByTestId('batch-count')).toContainText('Expands to 30 prompts')
  await preview.getByRole('button', { name: 'Random draws' }).click()
  await preview.getByRole('textbox', { name: 'Number of random draws' }).fill('20')
  await expect(preview.getByTestId('batch-count')).toHaveText('Expands to 20 prompts · 20 images · $0.160')

  await page.getByRole('button', { name: 'Generate 20' }).click()
  const dialog = page.getByRole('dialog', { name: 'Generate 20 images?' })
  await expect(dialog).toContainText('more than 16 images')
  await expect(dialog).toContainText('$0.160')
  await dialog.getByRole('button', { name: 'Back' }).click()
  await expect(dialog).toBeHidden()
  expect(await jobsOf(request, template)).toEqual([])

  await page.getByRole('button', { name: 'Generate 20' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Generate 20 images' }).click()
  await expect(page.getByText('20 jobs submitted to Z-Image Turbo.')).toBeAttached()
  const jobs = await jobsOf(request, template)
  expect(jobs).toHaveLength(20)
  expect(jobs.every((j) => /^bat\w+ \d+ paper cranes$/.test(j.prompt))).toBe(true)
  // Leave the queue as it was found for the specs that follow on this server: cancel what still waits.
  for (const job of jobs) await request.post(`/api/jobs/${job.id}/cancel`)
  await expect
    .poll(
      async () =>
        (await jobsOf(request, template)).filter((j) => ['waiting', 'submitting', 'queued', 'processing', 'downloading'].includes(j.status)).length,
      {
        timeout: 45_000,
      },
    )
    .toBe(0)
})
