// Comparisons in real Chromium against `npm start` in demo mode: build, count and cost, run, live
// filling with one status request a second, n/a, the permalink, the gallery link, and cancel.
import { expect, test, type Page } from '@playwright/test'
import { BURST } from '../../shared/live-updates'
import { expectQuiet } from './polling'

const MODELS = ['ERNIE Image Turbo', 'ERNIE Image 1.0', 'Z-Image Turbo'] as const

/** GET requests to the API other than image bytes: what the page polls. */
function countStatusRequests(page: Page) {
  const times: number[] = []
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (r.method() === 'GET' && url.pathname.startsWith('/api/') && !/^\/api\/images\/[^/]+\/(thumb|file)$/.test(url.pathname)) {
      times.push(Date.now())
    }
  })
  return times
}

async function setAxis(page: Page, axis: 'X' | 'Y' | 'Z', param: string, values?: string) {
  await page.getByRole('combobox', { name: `${axis} axis` }).selectOption({ label: param })
  if (values !== undefined) await page.getByRole('textbox', { name: `${axis} values` }).fill(values)
}

const grid = (page: Page) => page.getByRole('table', { name: 'Comparison grid' })

test('builds 3 models × 3 step counts, shows count and cost, fills all nine labelled cells, and reopens from its permalink', async ({ page }) => {
  const prompt = `e2e compare: a lighthouse at dusk #${Date.now()}`
  await page.goto('/')
  await page.getByRole('link', { name: 'Compare' }).click()
  await expect(page).toHaveURL(/\/compare$/)
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill(prompt)
  await setAxis(page, 'X', 'Model')
  for (const model of MODELS) await expect(page.getByRole('button', { name: model, pressed: true })).toBeVisible()
  await setAxis(page, 'Y', 'Steps', '4, 6, 8')
  await page.getByRole('combobox', { name: 'Add a shared parameter' }).selectOption({ label: 'Guidance' })
  await page.getByRole('textbox', { name: 'Guidance' }).fill('5')

  // Count and cost before running: Z-Image's three at $0.008, ERNIE's six at a price nobody publishes.
  await expect(page.getByLabel('Run summary')).toContainText('9 images · $0.024 + unknown')
  await expect(page.getByRole('table', { name: 'Grid preview' }).getByText('n/a: Guidance')).toHaveCount(3)

  const statusRequests = countStatusRequests(page)
  const started = Date.now()
  await page.getByRole('button', { name: 'Run comparison' }).click()
  await expect(page).toHaveURL(/\/compare\/[0-9a-f-]{36}$/)
  const permalink = page.url()

  const table = grid(page)
  await expect(table.getByRole('img')).toHaveCount(9, { timeout: 30_000 })
  const seconds = (Date.now() - started) / 1000
  // About one request a second while it runs after a burst (decision 032), plus the page's own first loads.
  expect(statusRequests.length).toBeLessThanOrEqual(Math.ceil(seconds) + BURST + 4)

  await expect(table.getByRole('columnheader')).toHaveText(['Steps ↓Model →', ...MODELS])
  await expect(table.getByRole('rowheader')).toHaveText(['4', '6', '8'])
  for (const model of MODELS) for (const steps of [4, 6, 8]) await expect(table.getByAltText(`${model} · steps ${steps}`)).toBeVisible()
  await expect(table.getByText('Guidance n/a')).toHaveCount(3)
  const first = table.getByAltText('Z-Image Turbo · steps 8')
  await expect.poll(() => first.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0)

  // Polling stops once every cell is done.
  await expectQuiet(statusRequests)

  await page.reload()
  await expect(page).toHaveURL(permalink)
  await expect(grid(page).getByRole('img')).toHaveCount(9)
  await expect(grid(page).getByRole('rowheader')).toHaveText(['4', '6', '8'])
  await expect(page.getByText(prompt, { exact: true }).first()).toBeVisible()

  // Its images are in the gallery, linked back to the comparison.
  await page.getByRole('link', { name: 'Playground' }).click()
  await page.getByRole('list', { name: 'Images' }).getByAltText(prompt).first().click()
  await page
    .getByRole('dialog')
    .getByRole('link', { name: /Part of a comparison/ })
    .click()
  await expect(page).toHaveURL(permalink)
  await expect(grid(page).getByRole('img')).toHaveCount(9)
})

test('a 64-cell comparison asks first, polls about once a second in total, and can be cancelled', async ({ page }) => {
  await page.goto('/compare')
  await setAxis(page, 'X', 'Seed', '1-4')
  await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption({ label: 'Z-Image Turbo' })
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill(`a fox in the snow ${Date.now()}`)
  await setAxis(page, 'Y', 'Steps', '1-8 [4]')
  await setAxis(page, 'Z', 'Prompt search/replace', 'fox, owl, heron, lynx')
  await expect(page.getByLabel('Run summary')).toContainText('64 images · $0.512')

  const statusRequests = countStatusRequests(page)
  await page.getByRole('button', { name: 'Run comparison' }).click()
  const confirm = page.getByRole('dialog', { name: 'Run 64 images?' })
  await expect(confirm).toContainText('$0.512')
  await confirm.getByRole('button', { name: 'Run 64 images' }).click()
  await expect(page).toHaveURL(/\/compare\/[0-9a-f-]{36}$/)
  await expect(page.getByRole('tablist', { name: 'Prompt S/R pages' }).getByRole('tab')).toHaveText(['fox', 'owl', 'heron', 'lynx'])

  const windowStart = Date.now()
  const before = statusRequests.length
  await page.waitForTimeout(8000)
  const perSecond = (statusRequests.length - before) / ((Date.now() - windowStart) / 1000)
  expect(perSecond).toBeLessThanOrEqual(1.25)

  await page.getByRole('button', { name: 'Cancel run' }).click()
  await expect(page.getByText(/\d+ cancelled/)).toBeVisible()
  await expect(page.getByText(/\d+ running/)).toBeHidden({ timeout: 30_000 })
  // Then the page goes quiet.
  await expectQuiet(statusRequests)
  await expect(page.getByRole('button', { name: /Re-run \d+ unfinished cells/ })).toBeVisible()
})
