// Result images: real pictures of the requested size and format, the same for the same request.
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { newJob } from '../../../server/simulator/jobs'
import { createMediaCache } from '../../../server/simulator/media'
import { validateGenerate } from '../../../server/simulator/validate'
import { download, manualClock, settled, start, status, submit } from './support'

function simJob(prompt: string, numImages = 1) {
  const checked = validateGenerate('z-image-turbo', { prompt, num_images: numImages, image_size: 'square' })
  if (!checked.ok) throw new Error(checked.error)
  const timing = { queuedMs: 100, processingMs: 1000 }
  return newJob({
    model: 'z-image-turbo',
    request: checked.request,
    createdAt: Date.now(),
    timing,
    origin: 'http://sim',
    webhookUrl: null,
    costMicros: 0,
  })
}

/** A cache whose renders are counted, each one a distinct buffer. */
function countingCache(limit?: number) {
  const rendered: string[] = []
  const cache = createMediaCache(limit, async (input) => {
    rendered.push(`${input.prompt}#${input.seed}`)
    return Buffer.from(`${input.prompt}#${input.seed}#${rendered.length}`)
  })
  return { cache, rendered }
}

async function imageOf(origin: string, model: Parameters<typeof submit>[1], body: Record<string, unknown>, index = 0) {
  const id = await submit(origin, model, body)
  const done = await settled(origin, id)
  return download(done.output.media_url[index])
}

describe('media', () => {
  it.each([
    ['z-image-turbo default (landscape_4_3, png)', 'z-image-turbo', {}, 1024, 768, 'png'],
    ['ernie default (square_hd, jpeg)', 'ernie-image-turbo', {}, 1024, 1024, 'jpeg'],
    ['webp on z-image', 'z-image-turbo', { output_format: 'webp', image_size: 'portrait_16_9' }, 576, 1024, 'webp'],
    ['an unconfirmed preset', 'ernie-image', { image_size: 'landscape_3_2' }, 1248, 832, 'jpeg'],
    ['a custom size', 'ernie-image', { image_size: { width: 640, height: 352 }, output_format: 'png' }, 640, 352, 'png'],
  ] as const)('serves %s at the requested size', async (_, model, extra, width, height, format) => {
    const sim = await start()
    const file = await imageOf(sim.url, model, { prompt: 'a red kite', ...extra })
    expect(file.status).toBe(200)
    expect(file.type).toBe(`image/${format}`)
    expect(await sharp(file.bytes).metadata()).toMatchObject({ width, height, format })
  })

  it('is deterministic in prompt and seed, and differs by seed, prompt and image index', async () => {
    const sim = await start()
    const body = { prompt: 'a red kite', seed: 42, image_size: 'square' }
    const a = await imageOf(sim.url, 'z-image-turbo', body)
    const b = await imageOf(sim.url, 'z-image-turbo', body)
    const otherSeed = await imageOf(sim.url, 'z-image-turbo', { ...body, seed: 43 })
    const otherPrompt = await imageOf(sim.url, 'z-image-turbo', { ...body, prompt: 'a blue kite' })
    const second = await imageOf(sim.url, 'z-image-turbo', { ...body, num_images: 2 }, 1)
    expect(a.bytes.equals(b.bytes)).toBe(true)
    for (const other of [otherSeed, otherPrompt, second]) expect(a.bytes.equals(other.bytes)).toBe(false)
  })

  it('draws what was asked: steps, guidance and model change the picture, the same request does not', async () => {
    const sim = await start()
    const body = { prompt: 'a red kite', seed: 42, image_size: 'square', num_inference_steps: 8, guidance_scale: 5 }
    const a = await imageOf(sim.url, 'ernie-image-turbo', body)
    const b = await imageOf(sim.url, 'ernie-image-turbo', body)
    const moreSteps = await imageOf(sim.url, 'ernie-image-turbo', { ...body, num_inference_steps: 20 })
    const moreGuidance = await imageOf(sim.url, 'ernie-image-turbo', { ...body, guidance_scale: 12 })
    const otherModel = await imageOf(sim.url, 'ernie-image', body)
    expect(a.bytes.equals(b.bytes)).toBe(true)
    for (const other of [moreSteps, moreGuidance, otherModel]) expect(a.bytes.equals(other.bytes)).toBe(false)
  })

  it('404s before the job completes, for a failed job and for a file the job lacks', async () => {
    const clock = manualClock()
    const sim = await start({ now: clock.now, timing: { queuedMs: 100, processingMs: 100 } })
    const id = await submit(sim.url, 'z-image-turbo', { prompt: 'a red kite' })
    expect((await download(`${sim.url}/media/${id}/output-0.png`)).status).toBe(404)
    clock.advance(200)
    expect((await download(`${sim.url}/media/${id}/output-0.png`)).status).toBe(200)
    expect((await download(`${sim.url}/media/${id}/output-1.png`)).status).toBe(404)
    expect((await download(`${sim.url}/media/${id}/output-0.jpeg`)).status).toBe(404)
    const failed = await submit(sim.url, 'z-image-turbo', { prompt: 'nsfw' })
    clock.advance(200)
    expect((await status(sim.url, failed)).body.status).toBe('FAILED')
    expect((await download(`${sim.url}/media/${failed}/output-0.png`)).status).toBe(404)
  })

  it('needs no subscription key, like the public CDN it stands in for', async () => {
    const sim = await start()
    const file = await imageOf(sim.url, 'z-image-turbo', { prompt: 'a red kite' })
    expect(file.status).toBe(200)
    const mediaRequest = sim.control.requests.find((r) => r.path.startsWith('/media/'))
    expect(mediaRequest?.headers['ocp-apim-subscription-key']).toBeUndefined()
  })

  it('inlines the images as data URIs with sync_mode', async () => {
    const sim = await start()
    const id = await submit(sim.url, 'z-image-turbo', { prompt: 'a red kite', sync_mode: true, image_size: 'square' })
    const done = await settled(sim.url, id)
    const [uri] = done.output.media_url as string[]
    expect(uri).toMatch(/^data:image\/png;base64,/)
    const bytes = Buffer.from(uri!.split(',')[1]!, 'base64')
    expect(await sharp(bytes).metadata()).toMatchObject({ width: 512, height: 512, format: 'png' })
  })
})

describe('media cache', () => {
  it('renders a job’s images while it runs, so their download renders nothing', async () => {
    const { cache, rendered } = countingCache()
    const job = simJob('a heron', 2)
    cache.warm(job)
    expect(rendered).toHaveLength(2)
    const [first, second] = [await cache.get(job, 0), await cache.get(job, 1)]
    expect(rendered).toHaveLength(2)
    expect(first.equals(second)).toBe(false)
  })

  it('leaves a burst of jobs to render on download instead of rendering ahead of all of them', async () => {
    const { cache, rendered } = countingCache()
    const jobs = Array.from({ length: 12 }, (_, i) => simJob(`burst ${i}`))
    for (const job of jobs) cache.warm(job)
    expect(rendered).toHaveLength(8)
    // Once those are done, warming goes on.
    await Promise.all(jobs.slice(0, 8).map((job) => cache.get(job, 0)))
    await new Promise((resolve) => setImmediate(resolve)) // their bookkeeping settles after them
    cache.warm(jobs[11]!)
    expect(rendered).toHaveLength(9)
    await cache.get(jobs[10]!, 0)
    expect(rendered).toHaveLength(10)
  })
})
