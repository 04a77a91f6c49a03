import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createS3Store } from '../../../server/storage/s3-store'
import { blobStoreContract } from './contract'
import { startS3rver, type S3rverHandle } from './s3rver'

let s3: S3rverHandle
let n = 0
beforeAll(async () => {
  s3 = await startS3rver()
})
afterAll(async () => {
  await s3.close()
})

// Each test gets its own prefix, so no test sees another's objects.
blobStoreContract('an S3-compatible bucket (s3rver)', async () => ({ store: createS3Store(s3.settings(`run/${++n}`)), cleanup: async () => {} }))

describe('S3 store', () => {
  it("keeps its objects under STORAGE_URL's prefix and sees no other prefix's", async () => {
    const a = createS3Store(s3.settings('team-a/darkroom'))
    const b = createS3Store(s3.settings('team-b'))
    try {
      await a.put('images/x.png', Buffer.from('a'), 'image/png')
      expect(await b.head('images/x.png')).toBeNull()
      expect((await b.list('images/', null)).keys).toEqual([])
      expect((await a.list('images/', null)).keys).toEqual(['images/x.png'])
    } finally {
      a.close()
      b.close()
    }
  })

  it('fails its ping when the bucket is missing or the server is down', async () => {
    const missing = createS3Store({ ...s3.settings(), bucket: 'no-such-bucket' })
    await expect(missing.ping()).rejects.toThrow()
    missing.close()
    const other = await startS3rver()
    const store = createS3Store(other.settings())
    await store.ping()
    await other.close()
    await expect(store.ping()).rejects.toThrow()
    store.close()
  })
})
