// The gallery in real Chromium against `npm start` in demo mode: search, a filter from the URL, the
// lightbox by keyboard, favourites, collections, bulk delete with undo, zip download, reuse of all
// parameters, and a downloaded PNG dropped on the form.
import { readFileSync } from 'node:fs'
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { readEmbeddedParameters } from '../../shared/image-metadata'

// One word no other test's prompt contains, so every view here can be narrowed to this file's images.
const RUN = `gal${Date.now().toString(36)}`
const FOX = `${RUN} a red fox in fresh snow`
const LIGHTHOUSE = `${RUN} a lighthouse on a basalt cliff`
const OWLS = `${RUN} two snowy owls`

const JOBS = [
  { model: 'z-image-turbo', params: { prompt: FOX, seed: 4242, num_inference_steps: 6, image_size: 'square_hd', output_format: 'png' } },
  {
    model: 'ernie-image',
    params: { prompt: LIGHTHOUSE, negative_prompt: 'boats', seed: 777, num_inference_steps: 12, guidance_scale: 4.5, image_size: 'landscape_16_9' },
  },
  { model: 'ernie-image-turbo', params: { prompt: OWLS, seed: 31, num_images: 2 } },
]

async function settle(request: APIRequestContext, id: string) {
  await expect
    .poll(async () => ((await (await request.get(`/api/jobs/${id}`)).json()) as { status: string }).status, { timeout: 30_000 })
    .toBe('completed')
}

test.beforeAll(async ({ request }) => {
  const ids: string[] = []
  for (const job of JOBS) {
    const res = await request.post('/api/jobs', { data: job })
    expect(res.status(), await res.text()).toBe(201)
    ids.push(((await res.json()) as { id: string }).id)
  }
  for (const id of ids) await settle(request, id)
})

const grid = (page: Page) => page.getByRole('list', { name: 'Images' })
const tiles = (page: Page) => grid(page).getByRole('listitem')
const lightbox = (page: Page) => page.getByRole('dialog')
const openView = (page: Page, q: string) => page.goto(`/gallery?q=${encodeURIComponent(q)}`)

/** The names inside a zip, and each entry's bytes (Darkroom's zips store files uncompressed). */
function readZip(zip: Buffer) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  const count = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  const entries: { name: string; method: number; data: Buffer }[] = []
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50)
    const method = zip.readUInt16LE(at + 10)
    const size = zip.readUInt32LE(at + 20)
    const [nameLength, extraLength, commentLength] = [28, 30, 32].map((o) => zip.readUInt16LE(at + o)) as [number, number, number]
    const local = zip.readUInt32LE(at + 42)
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength)
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    entries.push({ name, method, data: zip.subarray(dataStart, dataStart + size) })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

test('searches prompts from the box, and opens a filtered view from its URL', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Gallery' }).click()
  await expect(page).toHaveURL(/\/gallery$/)
  const box = page.getByRole('searchbox', { name: 'Search images' })
  await box.fill(RUN)
  await box.press('Enter')
  await expect(page).toHaveURL(new RegExp(`\\?q=${RUN}$`))
  // Three requests: the two owls are one stack.
  await expect(tiles(page)).toHaveCount(3)
  await expect(grid(page).getByRole('button', { name: 'Expand the stack of 2' })).toBeVisible()
  await box.fill(`${RUN} lighthouse`)
  await box.press('Enter')
  await expect(tiles(page)).toHaveCount(1)
  await expect(grid(page).getByAltText(LIGHTHOUSE)).toBeVisible()

  // A shared link: the filter applies, and the controls show it.
  await openView(page, `${RUN} model:z-image-turbo seed:4242`)
  await expect(tiles(page)).toHaveCount(1)
  const thumb = grid(page).getByAltText(FOX)
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0)
  expect(await thumb.getAttribute('src')).toMatch(/\/thumb$/)
  const filters = page.getByRole('group', { name: 'Filters' })
  await expect(filters.getByRole('button', { name: 'Z-Image Turbo' })).toHaveAttribute('aria-pressed', 'true')
  await expect(filters.getByRole('textbox', { name: 'Seed' })).toHaveValue('4242')
  await expect(box).toHaveValue(`${RUN} model:z-image-turbo seed:4242`)

  // A control changes the URL and the box alike.
  await filters.getByRole('textbox', { name: 'Seed' }).fill('31')
  await expect(page).toHaveURL(/seed%3A31/)
  await expect(tiles(page)).toHaveCount(0)
  await expect(page.getByText('No images match')).toBeVisible()
  await expect(page.getByRole('searchbox', { name: 'Search images' })).toHaveValue(`model:z-image-turbo seed:31 ${RUN}`)
})

test('moves through the lightbox with the keyboard, zooms, and returns to the same place', async ({ page }) => {
  await openView(page, RUN)
  await expect(tiles(page)).toHaveCount(3)
  await tiles(page).first().getByRole('button').first().click()
  const dialog = lightbox(page)
  await expect(dialog.getByRole('heading', { name: 'Image 1 of 4' })).toBeVisible()
  const full = dialog.locator('img').first()
  const first = await full.getAttribute('src')
  expect(first).toMatch(/\/file$/)
  await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(500)

  await page.keyboard.press('ArrowRight')
  await expect(dialog.getByRole('heading', { name: 'Image 2 of 4' })).toBeVisible()
  await expect(full).not.toHaveAttribute('src', first!)
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(dialog.getByRole('heading', { name: 'Image 4 of 4' })).toBeVisible()
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await expect(dialog.getByRole('heading', { name: 'Image 1 of 4' })).toBeVisible()
  await expect(full).toHaveAttribute('src', first!)

  // The level is in image pixels per screen pixel (100% = 1:1); + twice is 1.25² of the fitted size.
  const level = dialog.getByRole('status', { name: 'Zoom level' })
  const percent = async () => Number((await level.textContent())!.replace('%', ''))
  await expect.poll(percent).toBeGreaterThan(0)
  const fitted = await percent()
  await page.keyboard.press('+')
  await page.keyboard.press('+')
  await expect.poll(percent).toBeCloseTo(fitted * 1.5625, -1)
  await page.keyboard.press('f')
  await expect.poll(percent).toBe(fitted)

  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(tiles(page).first().getByRole('button').first()).toBeFocused()
})

test('favourites an image in the lightbox and finds it under Favourites', async ({ page }) => {
  await openView(page, RUN)
  await grid(page).getByAltText(FOX).click()
  const star = lightbox(page).getByRole('button', { name: 'Favourite' })
  await expect(star).toHaveAttribute('aria-pressed', 'false')
  await star.click()
  await expect(star).toHaveAttribute('aria-pressed', 'true')
  await page.keyboard.press('Escape')
  await expect(
    grid(page)
      .getByRole('listitem')
      .filter({ has: page.getByAltText(FOX) })
      .getByRole('button', { name: 'Favourite' }),
  ).toHaveAttribute('aria-pressed', 'true')

  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: 'Favourites' }).click()
  await expect(page).toHaveURL(/q=fav\+/)
  await expect(tiles(page)).toHaveCount(1)
  await expect(grid(page).getByAltText(FOX)).toBeVisible()
  // It is stored, not just shown: a fresh load of the view agrees.
  await page.reload()
  await expect(tiles(page)).toHaveCount(1)
})

test('makes a collection, files an image in it from the lightbox, and shows the collection', async ({ page }) => {
  const name = `Lighthouses ${RUN}`
  await openView(page, RUN)
  const library = page.getByRole('navigation', { name: 'Library' })
  await library.getByRole('button', { name: '+ New' }).click()
  await library.getByRole('textbox', { name: 'Collection name' }).fill(name)
  await library.getByRole('button', { name: 'Save' }).click()
  await expect(library.getByRole('button', { name: new RegExp(`^${name}`) })).toContainText('0')

  await grid(page).getByAltText(LIGHTHOUSE).click()
  const collections = lightbox(page).getByRole('region', { name: 'Collections' })
  await collections.getByRole('combobox', { name: 'Add to collection' }).selectOption({ label: name })
  await expect(collections.getByRole('listitem')).toHaveText([`${name}×`])
  await page.keyboard.press('Escape')

  await library.getByRole('button', { name: new RegExp(`^${name}`) }).click()
  await expect(page).toHaveURL(/collection%3A%22Lighthouses/)
  await expect(tiles(page)).toHaveCount(1)
  await expect(grid(page).getByAltText(LIGHTHOUSE)).toBeVisible()
  await expect(library.getByRole('button', { name: new RegExp(`^${name}`) })).toContainText('1')
})

test('deletes a selection and brings it back with Undo', async ({ page, request }) => {
  await openView(page, RUN)
  await expect(tiles(page)).toHaveCount(3)
  await page.getByRole('button', { name: 'Select', exact: true }).click()
  await grid(page).getByAltText(FOX).click()
  await grid(page).getByAltText(LIGHTHOUSE).click()
  const bar = page.getByRole('toolbar', { name: 'Selected images' })
  await expect(bar).toContainText('2 images selected')
  const ids = await grid(page)
    .locator('[data-selected]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-image-id')!))
  expect(ids).toHaveLength(2)

  await bar.getByRole('button', { name: 'Delete' }).click()
  await expect(tiles(page)).toHaveCount(1)
  await expect(bar).toBeHidden()
  for (const id of ids) expect((await request.get(`/api/images/${id}`)).status()).toBe(404)
  const toast = page.getByRole('status').filter({ hasText: 'Deleted 2 images.' })
  await toast.getByRole('button', { name: /Undo/ }).click()
  await expect(tiles(page)).toHaveCount(3)
  await expect(page.getByRole('status').filter({ hasText: 'Restored 2 images.' })).toBeVisible()
  for (const id of ids) expect((await request.get(`/api/images/${id}`)).status()).toBe(200)
})

test('downloads the selected images as one zip holding every file, parameters inside', async ({ page }) => {
  await openView(page, RUN)
  await expect(tiles(page)).toHaveCount(3)
  await tiles(page).first().getByRole('checkbox').check()
  const bar = page.getByRole('toolbar', { name: 'Selected images' })
  await bar.getByRole('button', { name: 'Select all in view (4)' }).click()
  await expect(bar).toContainText('4 images selected')
  const [download] = await Promise.all([page.waitForEvent('download'), bar.getByRole('button', { name: 'Download zip' }).click()])
  expect(download.suggestedFilename()).toMatch(/^darkroom-.*\.zip$/)
  const zip = readFileSync((await download.path())!)
  expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
  const entries = readZip(zip)
  expect(entries).toHaveLength(4)
  expect(new Set(entries.map((e) => e.name)).size).toBe(4)
  const prompts = entries.map((e) => {
    expect(e.method).toBe(0)
    return readEmbeddedParameters(new Uint8Array(e.data))?.params.prompt
  })
  expect(prompts.sort()).toEqual([FOX, LIGHTHOUSE, OWLS, OWLS].sort())
})

test('"Reuse all parameters" fills the generate form with the model and every parameter', async ({ page }) => {
  await openView(page, RUN)
  await grid(page).getByAltText(LIGHTHOUSE).click()
  await lightbox(page).getByRole('button', { name: 'Reuse all parameters' }).click()
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('ernie-image')
  await expect(page.getByRole('textbox', { name: 'Prompt', exact: true })).toHaveValue(LIGHTHOUSE)
  await expect(page.getByRole('textbox', { name: 'Negative prompt' })).toHaveValue('boats')
  await expect(page.getByRole('spinbutton', { name: 'Steps' })).toHaveValue('12')
  await expect(page.getByRole('spinbutton', { name: 'Guidance' })).toHaveValue('4.5')
  await expect(page.getByRole('combobox', { name: 'Image size' })).toHaveValue('landscape_16_9')
  await expect(page.getByRole('checkbox', { name: 'Random seed' })).not.toBeChecked()
  await expect(page.getByRole('spinbutton', { name: 'Seed' })).toHaveValue('777')
})

test('a downloaded PNG dropped on the form restores its parameters', async ({ page }) => {
  await openView(page, RUN)
  await grid(page).getByAltText(FOX).click()
  const [download] = await Promise.all([page.waitForEvent('download'), lightbox(page).getByRole('link', { name: 'Download' }).click()])
  const name = download.suggestedFilename()
  expect(name).toMatch(/\.png$/)
  const bytes = readFileSync((await download.path())!)

  await page.goto('/')
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('ernie-image-turbo')
  const dataTransfer = await page.evaluateHandle(
    ({ base64, name }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
      const transfer = new DataTransfer()
      transfer.items.add(new File([data], name, { type: 'image/png' }))
      return transfer
    },
    { base64: bytes.toString('base64'), name },
  )
  const form = page.getByRole('region', { name: 'Create' })
  await form.dispatchEvent('dragover', { dataTransfer })
  await form.dispatchEvent('drop', { dataTransfer })
  await expect(page.getByRole('status').filter({ hasText: `Restored Z-Image Turbo parameters from ${name}.` })).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('z-image-turbo')
  await expect(page.getByRole('textbox', { name: 'Prompt', exact: true })).toHaveValue(FOX)
  await expect(page.getByRole('spinbutton', { name: 'Steps' })).toHaveValue('6')
  await expect(page.getByRole('spinbutton', { name: 'Seed' })).toHaveValue('4242')
})
