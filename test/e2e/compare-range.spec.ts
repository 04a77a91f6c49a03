// A Model × Steps grid where one model cannot take every step count: the editor says so next to the
// axis, the impossible cells read "out of range" and cost nothing, and the rest of the grid runs.
import { expect, test } from '@playwright/test'

// Each test waits for real demo jobs; a busy shared machine can take most of a minute for one.
test.describe.configure({ timeout: 180_000 })

for (const [device, viewport] of [
  ['laptop', { width: 1440, height: 900 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  test(`${device}: runs a Model × Steps grid with out-of-range cells, sending only the rest`, async ({ page }) => {
    await page.setViewportSize(viewport)
    const posts: string[] = []
    page.on('request', (r) => r.method() === 'POST' && posts.push(new URL(r.url()).pathname))
    await page.goto('/compare')
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill(`e2e out of range ${device} ${Date.now()}`)
    await page.getByRole('combobox', { name: 'X axis' }).selectOption({ label: 'Model' })
    await page.getByRole('combobox', { name: 'Y axis' }).selectOption({ label: 'Steps' })
    await page.getByRole('textbox', { name: 'Y values' }).fill('4, 8, 30')

    // Next to the axis that causes it: ERNIE Image Turbo stops at 20 steps, Z-Image Turbo at 8.
    const yAxis = page.getByRole('group', { name: 'Y axis' })
    await expect(yAxis.getByText(/2 cells are out of range for the model and will not be sent/)).toBeVisible()
    await expect(page.getByRole('table', { name: 'Grid preview' }).getByText('Out of range for this model')).toHaveCount(2)
    // Seven requests, not nine: the two impossible cells are not counted in the cost.
    await expect(page.getByLabel('Run summary')).toContainText('7 images')

    await page.getByRole('button', { name: 'Run comparison' }).click()
    await expect(page).toHaveURL(/\/compare\/[0-9a-f-]{36}$/)
    const grid = page.getByRole('table', { name: 'Comparison grid' })
    await expect(grid.getByRole('img')).toHaveCount(7, { timeout: 40_000 })
    await expect(grid.getByText('n/a · out of range for this model')).toHaveCount(2)
    await expect(page.getByText('7 of 7 done')).toBeVisible()
    expect(posts.filter((p) => p === '/api/comparisons')).toHaveLength(1)
  })
}

test('laptop: clamps out-of-range steps to each model when asked, and labels the cells it clamped', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto('/compare')
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill(`e2e clamp ${Date.now()}`)
  await page.getByRole('combobox', { name: 'X axis' }).selectOption({ label: 'Model' })
  await page.getByRole('combobox', { name: 'Y axis' }).selectOption({ label: 'Steps' })
  await page.getByRole('textbox', { name: 'Y values' }).fill('4, 12')
  await page.getByRole('checkbox', { name: /Clamp out-of-range values/ }).check()
  await expect(
    page.getByRole('group', { name: 'Y axis' }).getByText("1 cell is clamped to the model's range: Z-Image Turbo: Steps 12 → 8"),
  ).toBeVisible()
  await expect(page.getByLabel('Run summary')).toContainText('6 images')

  await page.getByRole('button', { name: 'Run comparison' }).click()
  await expect(page).toHaveURL(/\/compare\/[0-9a-f-]{36}$/)
  const grid = page.getByRole('table', { name: 'Comparison grid' })
  await expect(grid.getByRole('img')).toHaveCount(6, { timeout: 40_000 })
  await expect(grid.getByText('Steps 12 → 8')).toHaveCount(1)
  await expect(grid.getByText('n/a · out of range for this model')).toHaveCount(0)
})
