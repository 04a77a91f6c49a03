// A shared Darkroom in real Chromium: sign-in (wrong password first), the budget refusing with its
// figures, sign-out, and a cross-site POST refused though it carries the session cookie. The server is the second one playwright.config.ts starts.
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

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(`${base}/sign-in`)
  await page.goto(`${base}/gallery`)
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
