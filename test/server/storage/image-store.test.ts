// What the image store keeps of a downloaded file: the original and a thumbnail that proves it
// decodes, or nothing at all when it does not.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDiskStore } from '../../../server/storage/disk-store'
import { createImageStore, NotAnImageError, THUMB_MAX_SIDE } from '../../../server/storage/image-store'

let dir: string
let store: ReturnType<typeof createImageStore>
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-images-'))
  store = createImageStore(createDiskStore(dir))
})
afterEach(() => {
  store.blobs.close()
  rmSync(dir, { recursive: true, force: true })
})

const files = (folder: string) => (existsSync(path.join(dir, folder)) ? readdirSync(path.join(dir, folder)) : [])
const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .png()
    .toBuffer()

describe('image store', () => {
  it('keeps the original and a WebP thumbnail no larger than the thumbnail side', async () => {
    const data = await png(1024, 768)
    const stored = await store.save('job-1-0', data)
    expect(stored).toMatchObject({
      fileName: 'job-1-0.png',
      thumbName: 'job-1-0.webp',
      mimeType: 'image/png',
      width: 1024,
      height: 768,
      bytes: data.length,
    })
    expect((await store.read('file', 'job-1-0.png'))?.equals(data)).toBe(true)
    const thumb = await sharp((await store.read('thumb', 'job-1-0.webp'))!).metadata()
    expect(thumb).toMatchObject({ format: 'webp', width: THUMB_MAX_SIDE, height: (THUMB_MAX_SIDE * 768) / 1024 })
  })

  it('refuses an image whose header reads but whose pixels do not, keeping neither file', async () => {
    const data = await png(1024, 768)
    const cut = data.subarray(0, Math.floor(data.length / 3))
    // The header alone still says what it is.
    expect(await sharp(cut).metadata()).toMatchObject({ width: 1024, height: 768 })
    await expect(store.save('job-2-0', cut)).rejects.toThrow(NotAnImageError)
    await expect(store.save('job-2-0', cut)).rejects.toThrow(/damaged/)
    expect(files('images')).toEqual([])
    expect(files('thumbs')).toEqual([])
  })
})
