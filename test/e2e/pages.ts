// Every page of the app, for the layout and accessibility specs: the data they need is made once
// through the API (a finished job, a small comparison), then each page is opened in its finished state.
import { expect, type APIRequestContext, type Page } from '@playwright/test'

export const VIEWPORTS = [
  { name: 'laptop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const
export const THEMES = ['light', 'dark'] as const

export type Seeded = { comparisonId: string; prompt: string }

async function settled(request: APIRequestContext, path: string, done: (body: { status?: string; cells?: { state: string }[] }) => boolean) {
  await expect.poll(async () => done(await (await request.get(path)).json()), { timeout: 45_000 }).toBe(true)
}

export async function seed(request: APIRequestContext): Promise<Seeded> {
  const prompt = `layout: a lighthouse on a cliff at dusk ${Date.now()}`
  const job = await request.post('/api/jobs', { data: { model: 'z-image-turbo', params: { prompt, seed: 11, image_size: 'landscape_16_9' } } })
  expect(job.status(), await job.text()).toBe(201)
  const { id } = (await job.json()) as { id: string }
  await settled(request, `/api/jobs/${id}`, (b) => b.status === 'completed')
  const comparison = await request.post('/api/comparisons', {
    data: {
      title: 'Steps',
      model: 'z-image-turbo',
      params: { prompt: 'a red fox in fresh snow' },
      seed: 5,
      axes: { x: { param: 'num_inference_steps', values: [4, 8] } },
    },
  })
  expect(comparison.status(), await comparison.text()).toBe(201)
  const { id: comparisonId } = (await comparison.json()) as { id: string }
  await settled(request, `/api/comparisons/${comparisonId}`, (b) => !!b.cells?.every((c) => c.state === 'completed'))
  return { comparisonId, prompt }
}

export type AppPage = { name: string; open: (page: Page) => Promise<void> }

/** Each page, opened and waited for until its content is there. */
export const pages = (seeded: Seeded): AppPage[] => [
  {
    name: 'playground',
    open: async (page) => {
      await page.goto('/')
      await expect(page.getByRole('button', { name: 'Generate' })).toBeVisible()
      await expect(page.getByRole('img', { name: seeded.prompt }).first()).toBeVisible()
    },
  },
  {
    name: 'gallery',
    open: async (page) => {
      await page.goto('/gallery')
      await expect(page.getByRole('img', { name: seeded.prompt }).first()).toBeVisible()
    },
  },
  {
    name: 'lightbox',
    open: async (page) => {
      await page.goto('/gallery')
      await page.getByRole('img', { name: seeded.prompt }).first().click()
      await expect(page.getByRole('dialog')).toBeVisible()
      await expect(page.getByRole('dialog').getByRole('img', { name: seeded.prompt })).toBeVisible()
    },
  },
  {
    name: 'compare',
    open: async (page) => {
      await page.goto('/compare')
      await expect(page.getByRole('heading', { name: /comparison/i }).first()).toBeVisible()
    },
  },
  {
    name: 'comparison',
    open: async (page) => {
      await page.goto(`/compare/${seeded.comparisonId}`)
      await expect(page.getByRole('img').first()).toBeVisible()
    },
  },
  {
    name: 'spend',
    open: async (page) => {
      await page.goto('/spend')
      await expect(page.getByRole('heading', { name: /^Spend/ })).toBeVisible()
    },
  },
  {
    name: 'not-found',
    open: async (page) => {
      await page.goto('/no/such/page')
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
    },
  },
]

/** The theme is saved in localStorage before any page script runs. */
export async function useTheme(page: Page, theme: (typeof THEMES)[number]) {
  await page.addInitScript((t) => localStorage.setItem('darkroom:theme', t), theme)
}
