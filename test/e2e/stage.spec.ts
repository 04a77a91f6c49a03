// The playground's result stage in real Chromium against `npm start` in demo mode, on a laptop and
// on a phone: the result appears large after Generate without a click, in its own shape; re-roll
// sends the same settings with a new seed; the lightbox's 1:1 shows one image pixel per CSS pixel.
import { expect, test, type Page } from '@playwright/test'

// Each test waits for real demo jobs; a busy shared machine can take most of a minute for one.
test.describe.configure({ timeout: 180_000 })

const stage = (page: Page) => page.getByRole('region', { name: 'Result' })
/** The finished result on stage made from `prompt` (the running job's panel repeats the prompt as text). */
const resultOf = (page: Page, prompt: string) =>
  stage(page).getByRole('list', { name: 'Result images' }).getByRole('img', { name: prompt, exact: true })

async function generate(page: Page, prompt: string, size: string) {
  await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'ERNIE Image Turbo' })
  await page.getByRole('combobox', { name: 'Image size' }).selectOption(size)
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill(prompt)
  await page.getByRole('button', { name: 'Generate' }).click()
}

/** The stage image's rendered width ÷ height, once it has loaded. */
async function shownRatio(page: Page) {
  const image = stage(page).getByTestId('stage-image')
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 45_000 }).toBeGreaterThan(0)
  const box = (await image.boundingBox())!
  return box.width / box.height
}

for (const [device, viewport] of [
  ['laptop', { width: 1440, height: 900 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  test.describe(device, () => {
    test.use({ viewport })

    test('shows the result on stage after Generate, in its own shape, without a click', async ({ page }) => {
      await page.goto('/')
      const wide = `stage 16:9 ${device} ${Date.now()}`
      await generate(page, wide, 'landscape_16_9')
      // While it runs, the stage says so.
      await expect(stage(page).getByRole('progressbar')).toBeVisible({ timeout: 45_000 })
      await expect(resultOf(page, wide)).toBeVisible({ timeout: 45_000 })
      expect(await shownRatio(page)).toBeCloseTo(16 / 9, 1)
      const box = (await stage(page).getByTestId('stage-image').boundingBox())!
      // Large: most of the column's width (not a 28 px thumbnail).
      expect(box.width).toBeGreaterThan(viewport.width * (device === 'phone' ? 0.7 : 0.5))

      const tall = `stage 3:4 ${device} ${Date.now()}`
      await generate(page, tall, 'portrait_4_3')
      await expect(resultOf(page, tall)).toBeVisible({ timeout: 45_000 })
      expect(await shownRatio(page)).toBeCloseTo(3 / 4, 1)
    })

    test('re-roll sends the same settings with a new seed, and the stage shows the new result', async ({ page }) => {
      await page.goto('/')
      const prompt = `stage re-roll ${device} ${Date.now()}`
      await generate(page, prompt, 'square_hd')
      await expect(resultOf(page, prompt)).toBeVisible({ timeout: 45_000 })
      const first = await stage(page)
        .getByText(/· seed \d+/)
        .textContent()

      const sent = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/jobs')
      await stage(page).getByRole('button', { name: 'Re-roll' }).click()
      const body = (await sent).postDataJSON()
      expect(body.params.prompt).toBe(prompt)
      expect(body.params).not.toHaveProperty('seed')
      await expect(stage(page).getByText(/· seed \d+/)).not.toHaveText(first!, { timeout: 45_000 })
      await expect(resultOf(page, prompt)).toBeVisible()
      await expect(stage(page).getByRole('progressbar')).toBeHidden()
    })
  })
}

test('the lightbox 1:1 shows one image pixel per CSS pixel', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto('/')
  const prompt = `stage lightbox ${Date.now()}`
  await generate(page, prompt, 'square_hd')
  await expect(resultOf(page, prompt)).toBeVisible({ timeout: 45_000 })
  await stage(page)
    .getByRole('button', { name: /Open image 1 in the lightbox/ })
    .click()
  const dialog = page.getByRole('dialog')
  const full = dialog.getByRole('img', { name: prompt, exact: true })
  await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1024)
  // Fitted in a 900 px window, a 1024 px image is shown smaller than 100%.
  const fitted = Number((await dialog.getByLabel('Zoom level').textContent())!.replace('%', ''))
  expect(fitted).toBeLessThan(100)
  await dialog.getByRole('button', { name: '1:1 (actual size)' }).click()
  await expect(dialog.getByLabel('Zoom level')).toHaveText('100%')
  await expect.poll(async () => Math.round((await full.boundingBox())!.width)).toBe(1024)
  // Download and Delete are on screen without scrolling the panel.
  await expect(dialog.getByRole('link', { name: 'Download' })).toBeInViewport()
  await expect(dialog.getByRole('button', { name: 'Delete' })).toBeInViewport()
})
