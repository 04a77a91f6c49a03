// Pages are addresses: each has a title, unknown ones say so, deep links and back/forward work, and
// a session that ends mid-visit goes to sign-in asking to come back to the page it was on.
import { expect, test } from '@playwright/test'
import { TEAM_PASSWORD, TEAM_PORT } from '../../playwright.config'

test('an unknown address shows a not-found page with a way back', async ({ page }) => {
  const response = await page.goto('/no/such/page')
  // The server answers with the app (client routing); the app says there is nothing here.
  expect(response?.status()).toBe(200)
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  await expect(page).toHaveTitle('Page not found · Darkroom')
  await page.getByRole('link', { name: 'Back to the playground' }).click()
  await expect(page).toHaveURL('/')
  await expect(page).toHaveTitle('Darkroom')
  await expect(page.getByRole('button', { name: 'Generate' })).toBeVisible()
})

test('a deep link opens its page with its search, each page has its title, and Back returns', async ({ page }) => {
  await page.goto('/gallery?q=fox')
  await expect(page).toHaveTitle('Gallery · Darkroom')
  await expect(page.getByRole('searchbox', { name: 'Search images' })).toHaveValue('fox')
  await page.getByRole('banner').getByRole('link', { name: 'Spend' }).click()
  await expect(page).toHaveURL('/spend')
  await expect(page).toHaveTitle('Spend · Darkroom')
  await page.goBack()
  await expect(page).toHaveURL('/gallery?q=fox')
  await expect(page).toHaveTitle('Gallery · Darkroom')
  await page.getByRole('banner').getByRole('link', { name: 'Compare' }).click()
  await expect(page).toHaveTitle('Compare · Darkroom')
})

test('a page whose code cannot be fetched says so and reloads into it', async ({ page }) => {
  // The gallery's chunk is unreachable (offline, or a deploy replaced it) for this visit.
  await page.route('**/assets/gallery-page-*.js', (route) => route.abort())
  await page.goto('/')
  await page.getByRole('banner').getByRole('link', { name: 'Gallery' }).click()
  await expect(page.getByRole('alert')).toContainText('This page could not load')
  // The header still works: another page opens as usual.
  await page.getByRole('banner').getByRole('link', { name: 'Spend' }).click()
  await expect(page).toHaveTitle('Spend · Darkroom')
  await page.goBack()
  await expect(page.getByRole('alert')).toContainText('This page could not load')
  await page.unroute('**/assets/gallery-page-*.js')
  await page.getByRole('button', { name: 'Reload the page' }).click()
  await expect(page.getByRole('searchbox', { name: 'Search images' })).toBeVisible()
})

test('the app has a favicon', async ({ page, request }) => {
  await page.goto('/')
  const href = await page.locator('link[rel="icon"]').getAttribute('href')
  const icon = await request.get(href ?? '')
  expect(icon.status()).toBe(200)
  expect(icon.headers()['content-type']).toContain('image/svg+xml')
})

test('a session that ends mid-visit sends the browser to sign-in with the page to come back to', async ({ page, context }) => {
  const base = `http://127.0.0.1:${TEAM_PORT}`
  await page.goto(`${base}/`)
  await page.getByLabel('Password').fill(TEAM_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  // The tab is titled as soon as the address is known; the gallery's own requests come once its code is in.
  const galleryAsked = Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/images?') && r.ok()),
    page.waitForResponse((r) => r.url().endsWith('/api/collections') && r.ok()),
  ])
  await page.goto(`${base}/gallery?q=fox`)
  await expect(page).toHaveTitle('Gallery · Darkroom')
  await galleryAsked
  await context.clearCookies()
  // The next request the page makes is refused; the app goes to sign-in and says where it was.
  await page.getByRole('banner').getByRole('link', { name: 'Spend' }).click()
  await expect(page).toHaveURL(`${base}/sign-in?next=${encodeURIComponent('/spend')}`)
})
