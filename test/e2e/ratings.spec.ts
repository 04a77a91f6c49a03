// Ratings and query-wide actions in real Chromium against `npm start` in demo mode (docs/decisions/027):
// rating with the keyboard in the lightbox and finding the images with rating:>=4, and a favourite of
// everything a search matches, its count shown before it runs.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'

// One word no other test's prompt contains, so every view here is narrowed to this file's images.
const RUN = `rat${Date.now().toString(36)}`
const PROMPTS = [`${RUN} a red fox in fresh snow`, `${RUN} a lighthouse on a basalt cliff`, `${RUN} two snowy owls on a fence`]

async function settle(request: APIRequestContext, id: string) {
  await expect
    .poll(async () => ((await (await request.get(`/api/jobs/${id}`)).json()) as { status: string }).status, { timeout: 45_000 })
    .toBe('completed')
}

test.beforeAll(async ({ request }) => {
  const ids: string[] = []
  for (const prompt of PROMPTS) {
    const res = await request.post('/api/jobs', { data: { model: 'z-image-turbo', params: { prompt } } })
    expect(res.status(), await res.text()).toBe(201)
    ids.push(((await res.json()) as { id: string }).id)
  }
  for (const id of ids) await settle(request, id)
})

const grid = (page: Page) => page.getByRole('list', { name: 'Images' })
const tiles = (page: Page) => grid(page).getByRole('listitem')
const lightbox = (page: Page) => page.getByRole('dialog')
const openView = (page: Page, q: string) => page.goto(`/gallery?q=${encodeURIComponent(q)}`)

test('rates images with the keyboard in the lightbox and finds them with rating:>=4', async ({ page }) => {
  await openView(page, RUN)
  await expect(tiles(page)).toHaveCount(3)
  // Shown in arrival order, which is the order the jobs finished in: read it off the grid.
  const shown = await grid(page)
    .getByRole('img')
    .evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt')!))
  expect([...shown].sort()).toEqual([...PROMPTS].sort())
  await grid(page).getByAltText(shown[0]!).click()
  const stars = lightbox(page).getByRole('radiogroup', { name: 'Rating' })
  await expect(stars).toBeVisible()
  await page.keyboard.press('5')
  await expect(stars.getByRole('radio', { name: '5 stars' })).toHaveAttribute('aria-checked', 'true')
  await page.keyboard.press('ArrowRight')
  await expect(lightbox(page).getByRole('heading', { name: 'Image 2 of 3' })).toBeVisible()
  await page.keyboard.press('4')
  await expect(stars.getByRole('radio', { name: '4 stars' })).toHaveAttribute('aria-checked', 'true')
  await page.keyboard.press('ArrowRight')
  await expect(lightbox(page).getByRole('heading', { name: 'Image 3 of 3' })).toBeVisible()
  await page.keyboard.press('2')
  await expect(stars.getByRole('radio', { name: '2 stars' })).toHaveAttribute('aria-checked', 'true')
  // T goes to the tags box; the letter is not typed into it.
  await page.keyboard.press('t')
  const tagBox = lightbox(page).getByRole('textbox', { name: 'Add tags' })
  await expect(tagBox).toBeFocused()
  await expect(tagBox).toHaveValue('')
  await page.keyboard.type('Hero')
  await page.keyboard.press('Enter')
  await expect(lightbox(page).getByRole('region', { name: 'Tags' }).getByRole('listitem')).toHaveText(['hero×'])
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
  await expect(lightbox(page)).toBeHidden()

  await openView(page, `${RUN} rating:>=4`)
  await expect(tiles(page)).toHaveCount(2)
  await expect(grid(page).getByAltText(shown[0]!)).toBeVisible()
  await expect(grid(page).getByAltText(shown[1]!)).toBeVisible()
  await expect(tiles(page).first()).toContainText('Rated 5 of 5')
  await openView(page, `${RUN} tag:hero`)
  await expect(tiles(page)).toHaveCount(1)
  await expect(grid(page).getByAltText(shown[2]!)).toBeVisible()
})

test('favourites everything a search matches, showing the count first', async ({ page }) => {
  await openView(page, `${RUN} snow`)
  await expect(tiles(page)).toHaveCount(2)
  await page.getByRole('button', { name: 'All matching…' }).click()
  const actions = page.getByRole('region', { name: 'All matching images' })
  await expect(actions).toContainText(`2 images match “${RUN} snow”`)
  const requests: string[] = []
  page.on('request', (r) => {
    if (r.url().includes('/api/images/bulk-query')) requests.push(r.postData() ?? '')
  })
  await actions.getByRole('button', { name: 'Favourite all 2 matching' }).click()
  await expect(page.getByText('Favourited 2 images.')).toBeVisible()
  expect(JSON.parse(requests[0]!)).toEqual({ action: 'favourite', q: `${RUN} snow` })
  await expect(grid(page).getByRole('button', { name: 'Favourite', pressed: true })).toHaveCount(2)
  await openView(page, `${RUN} fav`)
  await expect(tiles(page)).toHaveCount(2)
})
