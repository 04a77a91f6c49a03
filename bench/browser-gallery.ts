// The gallery in headless Chromium: open /gallery, scroll through 10,000 images (pages load as the
// end nears), and report the DOM size of the gallery page (elements, most seen at any frame) and the
// frame rate while scrolling, timed with requestAnimationFrame; then how long, once the fling stops,
// until every tile on screen shows its thumbnail.
import { chromium } from '@playwright/test'

export type GalleryMeasurement = {
  /** Elements in the gallery page (`main`) when the scroll ended. */
  domNodes: number
  /** The most elements it held at any frame of the scroll. */
  maxDomNodes: number
  /** Frames per second while scrolling. */
  fps: number
  framesOver50ms: number
  /** How far down the list the scroll got, in images. */
  scrolledImages: number
  /** From the fling's last frame until every tile on screen shows its thumbnail (loaded and decoded), or null after 30 s. */
  tilesPaintedAfterStopMs: number | null
}

const TARGET_IMAGES = 10_000
/** Pixels per frame: a brisk, steady fling (about 12,000 px/s at 60 fps). */
const STEP_PX = 200
const TIME_LIMIT_MS = 240_000

export async function measureGallery(baseUrl: string, target = TARGET_IMAGES): Promise<GalleryMeasurement> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    // tsx (esbuild's keepNames) wraps functions in __name(); the page must know it for page.evaluate.
    await page.addInitScript('globalThis.__name = (fn) => fn')
    await page.goto(`${baseUrl}/gallery`)
    await page.locator('[role="list"][aria-label="Images"] [role="listitem"]').first().waitFor({ timeout: 30_000 })
    return await page.evaluate(
      ({ target, step, limit }) =>
        new Promise<GalleryMeasurement>((resolve) => {
          const main = document.querySelector('main')!
          const count = () => main.getElementsByTagName('*').length + 1
          // aria-posinset: a tile's place in the whole list, so the depth reached is known while rows come and go.
          const depth = () => {
            let deepest = 0
            for (const tile of main.querySelectorAll('[role="listitem"][aria-posinset]'))
              deepest = Math.max(deepest, Number(tile.getAttribute('aria-posinset')))
            return deepest
          }
          const started = performance.now()
          let last = started
          let frames = 0
          let slow = 0
          let maxNodes = count()
          let reached = depth()
          const frame = (now: number) => {
            frames++
            if (now - last > 50) slow++
            last = now
            maxNodes = Math.max(maxNodes, count())
            reached = Math.max(reached, depth())
            if (reached >= target || now - started > limit) {
              const seconds = (now - started) / 1000
              const scrolled = {
                domNodes: count(),
                maxDomNodes: maxNodes,
                fps: Math.round((frames / seconds) * 10) / 10,
                framesOver50ms: slow,
                scrolledImages: reached,
              }
              // The fling has stopped: wait, frame by frame, for the tiles on screen to show their pictures.
              const stopped = performance.now()
              const painted = () =>
                [...main.querySelectorAll<HTMLImageElement>('[role="listitem"] img')]
                  .filter((img) => {
                    const box = img.getBoundingClientRect()
                    return box.bottom > 0 && box.top < window.innerHeight
                  })
                  .every((img) => img.complete && img.naturalWidth > 0)
              const settle = (at: number) => {
                if (painted()) resolve({ ...scrolled, tilesPaintedAfterStopMs: Math.round(at - stopped) })
                else if (at - stopped > 30_000) resolve({ ...scrolled, tilesPaintedAfterStopMs: null })
                else requestAnimationFrame(settle)
              }
              requestAnimationFrame(settle)
              return
            }
            window.scrollBy(0, step)
            requestAnimationFrame(frame)
          }
          requestAnimationFrame(frame)
        }),
      { target, step: STEP_PX, limit: TIME_LIMIT_MS },
    )
  } finally {
    await browser.close()
  }
}
