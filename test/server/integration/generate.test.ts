import { existsSync } from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { imagePageSchema, jobSchema } from '../../../shared/api'
import { MODEL_IDS, MODELS } from '../../../shared/catalogue'
import { readEmbeddedParameters } from '../../../shared/image-metadata'
import { startStack, TEST_KEY, type Stack } from '../harness'

let stack: Stack
beforeEach(async () => {
  stack = await startStack()
})
afterEach(async () => {
  await stack.close()
})

const generateCalls = () => stack.sim.control.requests.filter((r) => r.method === 'POST' && r.path.endsWith('-request'))

describe('generating against a gateway that follows the contract', () => {
  it.each(MODEL_IDS)('%s: submits once, polls, stores the image and lists it in the gallery', async (model) => {
    const created = jobSchema.parse(await stack.createJob(model, { prompt: `a lighthouse at dusk (${model})`, num_images: 2 }))
    expect(['waiting', 'submitting']).toContain(created.status)
    expect(created.seed).toEqual(expect.any(Number))

    const job = await stack.settle(created.id)
    expect(job.status).toBe('completed')
    expect(job.images).toHaveLength(2)
    expect(job.requestId).toMatch(new RegExp(`^${MODELS[model].endpointId}_`))

    // What the gateway received: the key in its header, and only this model's documented fields.
    const [call] = generateCalls()
    expect(generateCalls()).toHaveLength(1)
    expect(call!.headers['ocp-apim-subscription-key']).toBe(TEST_KEY)
    expect(call!.headers['content-type']).toBe('application/json')
    expect(Object.keys(call!.body as object).sort()).toEqual(Object.keys(MODELS[model].params).sort())
    expect(call!.body).toMatchObject({ prompt: created.prompt, seed: created.seed, num_images: 2 })

    const page = imagePageSchema.parse(await (await stack.api('/api/images')).json())
    expect(page.items.map((i) => i.jobId)).toEqual([job.id, job.id])
    const image = page.items[0]!
    const file = await stack.api(image.url)
    expect(file.status).toBe(200)
    expect(file.headers.get('cache-control')).toContain('immutable')
    const bytes = Buffer.from(await file.arrayBuffer())
    const meta = await sharp(bytes).metadata()
    expect({ width: meta.width, height: meta.height, bytes: bytes.length }).toEqual({ width: image.width, height: image.height, bytes: image.bytes })
    expect(file.headers.get('content-type')).toBe(image.mimeType)

    const thumb = await stack.api(image.thumbUrl)
    expect(thumb.headers.get('content-type')).toBe('image/webp')
    const thumbMeta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()
    expect(Math.max(thumbMeta.width!, thumbMeta.height!)).toBeLessThanOrEqual(512)
  })

  it('uses the seed the user fixed and records it', async () => {
    const job = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'fox', seed: 1234 })).id)
    expect(job.seed).toBe(1234)
    expect(generateCalls()[0]!.body).toMatchObject({ seed: 1234 })
  })

  it('keeps serving every image from DATA_DIR after the gateway and its media host are gone', async () => {
    const job = await stack.settle((await stack.createJob('ernie-image-turbo', { prompt: 'kept forever' })).id)
    await stack.sim.close()
    const [image] = job.images
    for (const url of [image!.url, image!.thumbUrl]) expect((await stack.api(url)).status).toBe(200)
    expect(existsSync(path.join(stack.dataDir, 'images', `${image!.id}.jpg`))).toBe(true)
  })

  it('falls back to the Z-Image legacy result endpoint when the universal one does not know the id', async () => {
    stack.sim.control.failNext('status', { status: 404, body: { error: 'Resource not found' }, times: 100 })
    const job = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'legacy' })).id)
    expect(job.status).toBe('completed')
    expect(stack.sim.control.requests.some((r) => r.path.endsWith('z-image-turbo-request-result'))).toBe(true)
  })

  it('keeps the vendor message when the model fails the safety check', async () => {
    const job = await stack.settle((await stack.createJob('ernie-image', { prompt: 'nsfw scene' })).id)
    expect(job.status).toBe('failed')
    expect(job.error).toMatchObject({ code: 'FAILED', message: 'Prompt failed safety check. Please refine your input.' })
  })

  it('deletes an image with an undo window, then removes the row and both files', async () => {
    const job = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'short-lived' })).id)
    const [image] = job.images
    const file = path.join(stack.dataDir, 'images', `${image!.id}.png`)
    const del = await stack.api(`/api/images/${image!.id}`, { method: 'DELETE' })
    expect(del.status).toBe(200)
    expect((await del.json()).undoUntil).toEqual(expect.any(String))
    expect((await stack.api(image!.url)).status).toBe(404)

    // Undo brings it back, files and all.
    await stack.api('/api/images/bulk', { method: 'POST', json: { action: 'restore', ids: [image!.id] } })
    expect((await stack.api(image!.url)).status).toBe(200)

    await stack.api(`/api/images/${image!.id}`, { method: 'DELETE' })
    // The harness sets a one-second undo window; the purge then removes both files (one after the other), then the row.
    const thumb = path.join(stack.dataDir, 'thumbs', `${image!.id}.webp`)
    await expect.poll(() => existsSync(file) || existsSync(thumb)).toBe(false)
    expect((await stack.api(`/api/images/${image!.id}`, { method: 'DELETE' })).status).toBe(404)
    await stack.api('/api/images/bulk', { method: 'POST', json: { action: 'restore', ids: [image!.id] } })
    expect((await stack.api(image!.url)).status).toBe(404)
  })

  it('downloads the original with its parameters embedded and a readable file name', async () => {
    for (const model of ['z-image-turbo', 'ernie-image'] as const) {
      const job = await stack.settle((await stack.createJob(model, { prompt: 'A red fox, in snow!', seed: 42 })).id)
      const res = await stack.api(job.images[0]!.downloadUrl)
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="darkroom-a-red-fox-in-snow-42-0.${model === 'ernie-image' ? 'jpg' : 'png'}"`,
      )
      const embedded = readEmbeddedParameters(new Uint8Array(await res.arrayBuffer()))
      expect(embedded).toMatchObject({ app: 'darkroom', model, params: job.params, requestId: job.requestId })
    }
  })

  it('pages the gallery newest first with a cursor', async () => {
    for (const prompt of ['one', 'two', 'three']) await stack.settle((await stack.createJob('z-image-turbo', { prompt })).id)
    const first = imagePageSchema.parse(await (await stack.api('/api/images?limit=2')).json())
    expect(first.items.map((i) => i.prompt)).toEqual(['three', 'two'])
    const second = imagePageSchema.parse(await (await stack.api(`/api/images?limit=2&cursor=${first.nextCursor}`)).json())
    expect(second.items.map((i) => i.prompt)).toEqual(['one'])
    expect(second.nextCursor).toBeNull()
  })

  it('never shows the key in a response or a log line', async () => {
    await stack.settle((await stack.createJob('ernie-image-turbo', { prompt: 'secret keeping' })).id)
    stack.sim.control.failNext('generate', { status: 401, body: { statusCode: 401, message: 'Access denied' } })
    await stack.settle((await stack.createJob('ernie-image-turbo', { prompt: 'denied' })).id)
    await stack.api('/api/settings')
    await stack.api('/api/health')
    await stack.api('/api/jobs')
    expect(stack.responses.length).toBeGreaterThan(5)
    expect(stack.logs.length).toBeGreaterThan(0)
    for (const text of [...stack.responses, ...stack.logs]) expect(text).not.toContain(TEST_KEY)
  })
})
