// Pages hear of jobs they did not start: a job submitted through the API (a script, another tab, a
// teammate) shows up on an open playground and gallery without a reload.
import { expect, test } from '@playwright/test'

test('a job submitted through the API appears on the open playground and gallery', async ({ page, context, request }) => {
  const gallery = await context.newPage()
  // Both pages are listening before the job exists.
  const listening = Promise.all([page.waitForRequest(/\/api\/events/), gallery.waitForRequest(/\/api\/events/)])
  await page.goto('/')
  await gallery.goto('/gallery')
  await listening
  await expect(page.getByRole('button', { name: 'Generate' })).toBeVisible()

  // The playground's newest images come with the live-updates answer: it reads no image list itself.
  const listReads: string[] = []
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/images') listReads.push(r.url())
  })
  const prompt = `from a script: a red fox in snow #${Date.now()}`
  const res = await request.post('/api/jobs', { data: { model: 'z-image-turbo', params: { prompt, image_size: 'square' } } })
  expect(res.status()).toBe(201)

  await expect(page.getByText(prompt).first()).toBeVisible({ timeout: 45_000 })
  await expect(page.getByRole('img', { name: prompt, exact: true }).first()).toBeVisible({ timeout: 45_000 })
  await expect(page.getByRole('list', { name: 'Images', exact: true }).getByRole('img', { name: prompt, exact: true })).toBeVisible({
    timeout: 45_000,
  })
  expect(listReads).toEqual([])
  await expect(gallery.getByRole('img', { name: prompt, exact: true }).first()).toBeVisible({ timeout: 45_000 })
})
