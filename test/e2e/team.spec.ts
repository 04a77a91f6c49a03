// A shared Darkroom in real Chromium: sign-in (wrong password first), the budget refusing with its
// figures, sign-out (also when a request is refused on the way out), and a cross-site POST refused
// though it carries the session cookie. The server is the second one playwright.config.ts starts.
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { TEAM_PASSWORD, TEAM_PORT } from '../../playwright.config'

const base = `http://127.0.0.1:${TEAM_PORT}`

test('signs in, is refused past the budget, and signs out', async ({ page }) => {
  await page.goto(`${base}/`)
  await expect(page).toHaveURL(`${base}/sign-in`)
  await page.getByLabel('Password').fill('not it')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toHaveText('Wrong password.')
  await page.getByLabel('Password').fill(TEAM_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('button', { name: 'Generate' })).toBeVisible()

  // Two Z-Image images fit a $0.016 day; the third is refused with the figures.
  await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Z-Image Turbo' })
  for (const prompt of ['team one', 'team two']) {
    await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill(prompt)
    await page.getByRole('button', { name: 'Generate' }).click()
    await expect(page.getByText(prompt).first()).toBeVisible()
  }
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('team three')
  await page.getByRole('button', { name: 'Generate' }).click()
  await expect(page.getByText(/Over the daily budget: \$0.016 spent or reserved so far/).first()).toBeVisible()

  // The spend page shows what the day's budget went on.
  await page.getByRole('link', { name: 'Spend' }).click()
  await expect(page.getByText('Today (UTC)')).toBeVisible()
  await expect(page.getByRole('meter', { name: 'Today (UTC) against its budget' })).toHaveAttribute('aria-valuenow', '0.016')
  await expect(page.getByRole('cell', { name: 'Z-Image Turbo' })).toBeVisible()
  await expect(page.getByRole('cell', { name: 'password', exact: true })).toBeVisible()

  await page.getByRole('button', { name: 'Sign out', exact: true }).click()
  await expect(page).toHaveURL(`${base}/sign-in`)
  await page.goto(`${base}/gallery`)
  await expect(page).toHaveURL(`${base}/sign-in?next=%2Fgallery`)
})

test('signing out lands on the sign-in page even when the page is refused something on the way', async ({ page }) => {
  await page.clock.install()
  await page.goto(`${base}/sign-in?next=%2Fspend`)
  await page.getByLabel('Password').fill(TEAM_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText('Today (UTC)')).toBeVisible()
  // The page refreshes its figures (every 30 s); that request is held until the session has ended…
  let release: () => Promise<void> = async () => {}
  const held = new Promise<void>((resolve) => {
    void page.route('**/api/spend', async (route) => {
      release = () => route.continue()
      resolve()
    })
  })
  await page.clock.fastForward(31_000)
  await held
  // …and the answer to the sign-out is held until the page has been refused it: that refusal must
  // not send the page to /sign-in?next=/spend instead.
  const refused = page.waitForResponse((r) => r.url() === `${base}/api/spend` && r.status() === 401)
  await page.route('**/api/auth/sign-out', async (route) => {
    const response = await route.fetch({ maxRedirects: 0 })
    await release()
    await refused
    await route.fulfill({ response })
  })
  await page.getByRole('button', { name: 'Sign out', exact: true }).click()
  await expect(page).toHaveURL(`${base}/sign-in`)
})

test('refuses a cross-site POST that carries the session cookie', async ({ page, context }) => {
  await page.goto(`${base}/sign-in`)
  await page.getByLabel('Password').fill(TEAM_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('button', { name: 'Generate' })).toBeVisible()
  const cookies = await context.cookies(base)
  expect(cookies.find((c) => c.name === 'darkroom_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' })
  // The request a malicious page would make: the browser's cookie, another site's Origin.
  const res = await context.request.post(`${base}/api/jobs`, {
    headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' },
    data: { model: 'z-image-turbo', params: { prompt: 'forged' } },
  })
  expect(res.status()).toBe(403)
})

test('signing in returns to the page asked for; a wrong password keeps the address on /sign-in', async ({ page }) => {
  await page.goto(`${base}/gallery?q=fox`)
  await expect(page).toHaveURL(`${base}/sign-in?next=%2Fgallery%3Fq%3Dfox`)
  await page.getByLabel('Password').fill('not it either')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toHaveText('Wrong password.')
  expect(new URL(page.url()).pathname).toBe('/sign-in')
  // Reloading shows the page again; it does not send the password again.
  await page.reload()
  await expect(page.getByRole('alert')).toHaveText('Wrong password.')
  await page.getByLabel('Password').fill(TEAM_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(`${base}/gallery?q=fox`)
})

test('the sign-in page has a main landmark and no axe violations, with and without an error', async ({ page }) => {
  for (const address of [`${base}/sign-in`, `${base}/sign-in?error=wrong&next=%2Fgallery`]) {
    await page.goto(address)
    await expect(page.getByRole('main')).toContainText('Sign in to use it')
    const results = await new AxeBuilder({ page }).analyze()
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
  }
})

test('"Sign out everywhere" ends the other browsers\' sessions too', async ({ browser }) => {
  const signedIn = async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${base}/sign-in`)
    await page.getByLabel('Password').fill(TEAM_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('button', { name: 'Generate' })).toBeVisible()
    return { context, page }
  }
  const mine = await signedIn()
  const theirs = await signedIn()
  await mine.page.getByRole('button', { name: 'Sign out everywhere' }).click()
  await expect(mine.page).toHaveURL(`${base}/sign-in`)
  await theirs.page.goto(`${base}/gallery`)
  await expect(theirs.page).toHaveURL(`${base}/sign-in?next=%2Fgallery`)
  await mine.context.close()
  await theirs.context.close()
})
