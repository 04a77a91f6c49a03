// The whole path in real Chromium against `npm start` in demo mode: form → job → gallery → lightbox.
import { expect, test, type Page } from '@playwright/test'
import { expectQuiet } from './polling'

const MODELS = ['ERNIE Image Turbo', 'ERNIE Image 1.0', 'Z-Image Turbo'] as const

async function generate(page: Page, model: string, prompt: string, submit: 'click' | 'keyboard' = 'click') {
  await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: model })
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill(prompt)
  if (submit === 'click') await page.getByRole('button', { name: 'Generate' }).click()
  else await page.getByRole('textbox', { name: 'Prompt', exact: true }).press('Control+Enter')
}

test.beforeEach(async ({ page }) => {
  await page.goto('/')
  await expect(page.getByText('Demo mode')).toBeVisible()
})

for (const [i, model] of MODELS.entries()) {
  test(`generates with ${model} and shows the image in the gallery`, async ({ page }) => {
    const prompt = `e2e ${model}: a lighthouse at dusk #${Date.now()}`
    await generate(page, model, prompt, i === 2 ? 'keyboard' : 'click')

    const thumb = page.getByRole('img', { name: prompt, exact: true }).last()
    await expect(thumb).toBeVisible({ timeout: 45_000 })
    // Recent images load lazily, as a person scrolls to them (below the fold on a small screen).
    await thumb.scrollIntoViewIfNeeded()
    // The thumbnail really loaded (an <img> that failed would have no natural width).
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0)

    await thumb.click()
    const dialog = page.getByRole('dialog')
    await expect(dialog).toBeVisible()
    await expect(dialog.getByText(model, { exact: true })).toBeVisible()
    await expect(dialog.getByText(prompt, { exact: true })).toBeVisible()
    // The seed the server chose is shown with the image.
    await expect(dialog.getByText('Seed', { exact: true })).toBeVisible()
    const full = dialog.getByRole('img', { name: prompt, exact: true })
    await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(500)
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
  })
}

test('refuses out-of-range steps next to the field and sends nothing', async ({ page }) => {
  const posts: string[] = []
  page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()))
  await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Z-Image Turbo' })
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('too many steps')
  await page.getByRole('spinbutton', { name: 'Steps' }).fill('30')
  await page.getByRole('button', { name: 'Generate' }).click()
  await expect(page.getByText('Steps must be between 1 and 8')).toBeVisible()
  await expect(page.getByRole('spinbutton', { name: 'Steps' })).toHaveAttribute('aria-invalid', 'true')
  expect(posts).toEqual([])
})

test("shows the vendor's words when a job fails", async ({ page }) => {
  await generate(page, 'ERNIE Image Turbo', `nsfw e2e ${Date.now()}`)
  await expect(page.getByText('Prompt failed safety check. Please refine your input.').first()).toBeVisible({ timeout: 45_000 })
})

test('polls the server about once a second in total, however many jobs run', async ({ page }) => {
  const polls: number[] = []
  page.on('request', (r) => {
    if (r.method() === 'GET' && new URL(r.url()).pathname.startsWith('/api/jobs')) polls.push(Date.now())
  })
  const start = Date.now()
  for (let i = 0; i < 5; i++) await generate(page, MODELS[i % 3]!, `poll budget ${i} ${start}`)
  for (let i = 0; i < 5; i++) {
    await expect(page.getByRole('img', { name: `poll budget ${i} ${start}`, exact: true }).last()).toBeVisible({ timeout: 45_000 })
  }
  const seconds = (Date.now() - start) / 1000
  // One list query at 1 s intervals, plus one refetch after each submit.
  expect(polls.length).toBeLessThanOrEqual(Math.ceil(seconds) + 5 + 2)
  // And it stops once nothing is active.
  await expectQuiet(polls)
})
