// Tiles fill promptly after a fast scroll: a fling to the far end of a long gallery, then every tile
// on screen shows its thumbnail (loaded and decoded) within a deadline. Rows flown past must not
// leave their thumbnails queued ahead of the ones the person stopped on.
import { expect, test, type Page } from '@playwright/test'

const RUN = `scroll${Date.now().toString(36)}`
const COUNT = 40

test.beforeAll(async ({ request }, info) => {
  info.setTimeout(180_000)
  for (let i = 0; i < COUNT; i++) {
    const res = await request.post('/api/jobs', { data: { model: 'z-image-turbo', params: { prompt: `${RUN} tile ${i}`, seed: i } } })
    expect(res.status(), await res.text()).toBe(201)
  }
  await expect
    .poll(async () => ((await (await request.get(`/api/images?limit=100&q=${RUN}`)).json()) as { items: unknown[] }).items.length, {
      timeout: 170_000,
    })
    .toBe(COUNT)
})

/** The tiles inside the window: their place in the list, and whether their picture is there. */
const onScreen = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLImageElement>('[role="list"][aria-label="Images"] img')]
      .filter((img) => {
        const box = img.getBoundingClientRect()
        return box.bottom > 0 && box.top < window.innerHeight
      })
      .map((img) => ({
        position: Number(img.closest('[aria-posinset]')?.getAttribute('aria-posinset')),
        painted: img.complete && img.naturalWidth > 0,
      })),
  )

test.use({ viewport: { width: 390, height: 844 } })

test('after a fling to the far end, every tile on screen shows its picture', async ({ page }) => {
  // The largest tiles: one column, so the 40 images are 40 rows to fly past.
  await page.addInitScript(() => localStorage.setItem('darkroom:gallery-tile-size', '360'))
  await page.goto(`/gallery?q=${RUN}`)
  const tiles = page.getByRole('list', { name: 'Images' }).getByRole('listitem')
  await expect(tiles.first()).toBeVisible()
  await expect.poll(async () => (await onScreen(page)).some((t) => t.painted)).toBe(true)

  // As fast as the page draws: 600 px a frame until the end stops the scroll.
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        const step = () => {
          const before = window.scrollY
          window.scrollBy(0, 600)
          if (window.scrollY === before) done()
          else requestAnimationFrame(step)
        }
        requestAnimationFrame(step)
      }),
  )
  await expect.poll(async () => Math.min(...(await onScreen(page)).map((t) => t.position))).toBeGreaterThan(COUNT - 5)
  await expect
    .poll(async () => {
      const tiles = await onScreen(page)
      return tiles.length > 0 && tiles.every((t) => t.painted)
    })
    .toBe(true)
})
