// Queue control in real Chromium against `npm start` in demo mode: pause Darkroom's queue, submit
// three jobs (they wait), reorder them with the keyboard, resume, and they are sent in the new order.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type APIRequestContext } from '@playwright/test'
import type { Job } from '../../shared/api'

// One word no other test's prompt contains, so reads here narrow to this file's jobs.
const RUN = `que${Date.now().toString(36)}`

const job = async (request: APIRequestContext, id: string): Promise<Job> => (await request.get(`/api/jobs/${id}`)).json()

test.afterEach(async ({ request }) => {
  // Whatever happened, the shared server is left sending.
  await request.put('/api/queue', { data: { paused: false } })
})

test('pause → submit 3 → reorder → resume: they are sent in the new order', async ({ page, request }) => {
  await page.goto('/')
  await expect(page.getByText('Demo mode')).toBeVisible()
  await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Z-Image Turbo' })
  const panel = page.getByRole('region', { name: 'Queue' })
  await panel.getByRole('button', { name: 'Pause queue' }).click()
  await expect(panel.getByTestId('queue-summary')).toContainText('Paused: nothing new is sent to Pixazo')

  const ids: string[] = []
  for (const name of ['first', 'second', 'third']) {
    const created = page.waitForResponse((r) => r.url().endsWith('/api/jobs') && r.request().method() === 'POST')
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill(`${RUN} ${name}`)
    await page.getByRole('button', { name: 'Generate', exact: true }).click()
    ids.push(((await (await created).json()) as Job).id)
  }
  const list = panel.getByRole('list', { name: 'Waiting jobs, next first' })
  const mine = list.getByRole('listitem').filter({ hasText: RUN })
  await expect(mine).toHaveText([/first/, /second/, /third/])
  for (const id of ids) expect((await job(request, id)).status).toBe('waiting')

  // "third" to the front with the keyboard; focus stays on its Move up button until it is disabled.
  await panel.getByRole('button', { name: `Move “${RUN} third” up` }).focus()
  await page.keyboard.press('Enter')
  await expect(mine).toHaveText([/first/, /third/, /second/])
  await expect(panel.getByRole('button', { name: `Move “${RUN} third” up` })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(mine).toHaveText([/third/, /first/, /second/])
  // Then "second" ahead of "first" with Run next… and "third" back to the front.
  await panel.getByRole('button', { name: `Run next: “${RUN} second”` }).click()
  await expect(mine).toHaveText([/second/, /third/, /first/])
  await panel.getByRole('button', { name: `Run next: “${RUN} third”` }).click()
  await expect(mine).toHaveText([/third/, /second/, /first/])
  // The panel with waiting jobs in it passes axe too (the page-wide a11y test sees it empty).
  const { violations } = await new AxeBuilder({ page }).include('section[aria-labelledby="queue-title"]').analyze()
  expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
  const queued = (await (await request.get('/api/queue')).json()) as { waiting: Job[] }
  expect(queued.waiting.filter((j) => j.prompt.startsWith(RUN)).map((j) => j.prompt)).toEqual([`${RUN} third`, `${RUN} second`, `${RUN} first`])

  await panel.getByRole('button', { name: 'Resume queue' }).click()
  await expect(panel.getByTestId('queue-summary')).toContainText('Sending')
  for (const id of ids) await expect.poll(async () => (await job(request, id)).status, { timeout: 45_000 }).toBe('completed')
  const [first, second, third] = await Promise.all(ids.map((id) => job(request, id)))
  const sentAt = (j: Job) => Date.parse(j.submittedAt!)
  // Sent in the new order: third, then second, then first.
  expect(sentAt(third!)).toBeLessThanOrEqual(sentAt(second!))
  expect(sentAt(second!)).toBeLessThanOrEqual(sentAt(first!))
  await expect(mine).toHaveCount(0)
})
