// Every page fits the screen at a laptop's and a phone's width (no sideways scrolling), and the
// playground's Generate button is on screen at first load.
import { expect, test } from '@playwright/test'
import { pages, seed, VIEWPORTS, type Seeded } from './pages'

let seeded: Seeded
test.beforeAll(async ({ request }) => {
  seeded = await seed(request)
})

for (const viewport of VIEWPORTS) {
  test.describe(`${viewport.name} ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } })

    for (const theme of ['dark'] as const) {
      test(`no page is wider than the screen (${theme})`, async ({ page }) => {
        for (const { name, open } of pages(seeded)) {
          await open(page)
          const overflow = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }))
          expect(overflow.scroll, `${name} is ${overflow.scroll}px wide in a ${overflow.inner}px window`).toBeLessThanOrEqual(overflow.inner)
        }
      })
    }

    test('the header shows every page link, the mode and the theme switch', async ({ page }) => {
      await page.goto('/')
      const header = page.getByRole('banner')
      for (const name of ['Playground', 'Gallery', 'Compare', 'Spend']) await expect(header.getByRole('link', { name })).toBeInViewport()
      await expect(header.getByText('Demo · simulator')).toBeInViewport()
      await expect(header.getByRole('button', { name: /^Theme:/ })).toBeInViewport()
    })
  })
}

test.describe('laptop first load', () => {
  test.use({ viewport: { width: 1440, height: 900 } })
  test('the Generate button is on screen without scrolling', async ({ page }) => {
    await page.goto('/')
    await expect(page.getByText('Demo mode')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Generate' })).toBeInViewport({ ratio: 1 })
  })
})

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 } })
  test('after tapping Generate, the job and then its result come into view by themselves', async ({ page }) => {
    await page.goto('/')
    const prompt = `phone: a tram in the fog ${Date.now()}`
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill(prompt)
    await page.getByRole('button', { name: 'Generate' }).click()
    // The job list starts below the form, far out of view on a phone, until the page follows the job.
    await expect(page.getByRole('list', { name: 'Jobs' }).getByText(prompt).first()).toBeInViewport()
    await expect(page.getByRole('img', { name: prompt }).first()).toBeInViewport({ timeout: 45_000 })
  })
})
