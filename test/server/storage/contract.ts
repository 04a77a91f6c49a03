// What every BlobStore promises, whatever holds the bytes: run by disk.contract.test.ts on a temp
// DATA_DIR and by s3.contract.test.ts on an in-process S3-compatible server.
import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RangeNotSatisfiable, type BlobStore } from '../../../server/storage/blob-store'

const readAll = async (body: Readable) => Buffer.concat(await body.toArray())

async function bytesOf(store: BlobStore, key: string) {
  const blob = await store.get(key)
  return blob ? readAll(blob.body) : null
}

/** Every key under `prefix`, following cursors; also returns how many pages it took. */
async function listAll(store: BlobStore, prefix: string, limit: number) {
  const keys: string[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const page: Awaited<ReturnType<BlobStore['list']>> = await store.list(prefix, cursor, limit)
    expect(page.keys.length).toBeLessThanOrEqual(limit)
    keys.push(...page.keys)
    cursor = page.cursor
    pages++
  } while (cursor)
  return { keys, pages }
}

export function blobStoreContract(name: string, open: () => Promise<{ store: BlobStore; cleanup: () => Promise<void> }>) {
  describe(`BlobStore contract: ${name}`, () => {
    let store: BlobStore
    let cleanup: () => Promise<void>
    beforeEach(async () => {
      ;({ store, cleanup } = await open())
    })
    afterEach(async () => {
      store.close()
      await cleanup()
    })

    it('gives back exactly the bytes put, from a buffer or a stream, and their size', async () => {
      const one = randomBytes(300_000)
      const two = randomBytes(70_000)
      await store.put('images/one.png', one, 'image/png')
      await store.put('images/two.webp', Readable.from([two.subarray(0, 1000), two.subarray(1000)]), 'image/webp')
      expect((await bytesOf(store, 'images/one.png'))!.equals(one)).toBe(true)
      expect((await bytesOf(store, 'images/two.webp'))!.equals(two)).toBe(true)
      expect(await store.head('images/one.png')).toEqual({ size: one.length })
      const blob = (await store.get('images/two.webp'))!
      expect([blob.size, blob.total]).toEqual([two.length, two.length])
      await readAll(blob.body)
    })

    it('replaces an object put again under the same key', async () => {
      await store.put('thumbs/a.webp', Buffer.from('first version'), 'image/webp')
      await store.put('thumbs/a.webp', Buffer.from('second'), 'image/webp')
      expect((await bytesOf(store, 'thumbs/a.webp'))!.toString()).toBe('second')
      expect(await store.head('thumbs/a.webp')).toEqual({ size: 6 })
    })

    it('answers null for a missing key, and deleting one (twice) is not an error', async () => {
      expect(await store.get('images/nothing.png')).toBeNull()
      expect(await store.head('images/nothing.png')).toBeNull()
      await store.put('images/gone.png', Buffer.from('x'), 'image/png')
      await store.delete('images/gone.png')
      await store.delete('images/gone.png')
      expect(await store.get('images/gone.png')).toBeNull()
      expect(await store.head('images/gone.png')).toBeNull()
      expect((await store.list('images/', null)).keys).toEqual([])
    })

    it('serves byte ranges: a closed one, an open-ended one, and refuses one past the end', async () => {
      const data = Buffer.from('0123456789abcdef')
      await store.put('images/r.png', data, 'image/png')
      const mid = (await store.get('images/r.png', { start: 2, end: 5 }))!
      expect([mid.size, mid.total]).toEqual([4, 16])
      expect((await readAll(mid.body)).toString()).toBe('2345')
      const tail = (await store.get('images/r.png', { start: 10 }))!
      expect([tail.size, tail.total]).toEqual([6, 16])
      expect((await readAll(tail.body)).toString()).toBe('abcdef')
      const past = (await store.get('images/r.png', { start: 14, end: 99 }))!
      expect((await readAll(past.body)).toString()).toBe('ef')
      await expect(store.get('images/r.png', { start: 16 })).rejects.toBeInstanceOf(RangeNotSatisfiable)
      expect(await store.get('images/missing.png', { start: 0, end: 1 })).toBeNull()
    })

    it('lists a folder a page at a time: every key once, nothing from other folders', async () => {
      const names = Array.from({ length: 23 }, (_, i) => `images/job${String(i).padStart(2, '0')}-0.png`)
      await Promise.all(names.map((key) => store.put(key, Buffer.from(key), 'image/png')))
      await store.put('thumbs/job00-0.webp', Buffer.from('t'), 'image/webp')
      const { keys, pages } = await listAll(store, 'images/', 10)
      expect([...keys].sort()).toEqual(names)
      expect(pages).toBe(3)
      expect((await listAll(store, 'thumbs/', 10)).keys).toEqual(['thumbs/job00-0.webp'])
      expect(await store.list('empty/', null, 10)).toEqual({ keys: [], cursor: null })
    })

    it('keeps listing while the keys already listed are deleted (as the audit does)', async () => {
      const names = Array.from({ length: 12 }, (_, i) => `images/k${String(i).padStart(2, '0')}.png`)
      await Promise.all(names.map((key) => store.put(key, Buffer.from('x'), 'image/png')))
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const page: Awaited<ReturnType<BlobStore['list']>> = await store.list('images/', cursor, 5)
        for (const key of page.keys) await store.delete(key)
        seen.push(...page.keys)
        cursor = page.cursor
      } while (cursor)
      expect(seen.sort()).toEqual(names)
      expect((await store.list('images/', null)).keys).toEqual([])
    })

    it('takes concurrent puts: each key whole, and racing writers to one key leave one of their objects', async () => {
      const many = Array.from({ length: 16 }, (_, i) => ({ key: `images/c${i}.png`, data: randomBytes(20_000 + i) }))
      await Promise.all(many.map((o) => store.put(o.key, o.data, 'image/png')))
      for (const o of many) expect((await bytesOf(store, o.key))!.equals(o.data)).toBe(true)
      const versions = Array.from({ length: 8 }, () => randomBytes(50_000))
      await Promise.all(versions.map((v) => store.put('images/same.png', v, 'image/png')))
      const final = (await bytesOf(store, 'images/same.png'))!
      expect(versions.some((v) => v.equals(final))).toBe(true)
    })

    it('refuses keys that could reach outside the store', async () => {
      for (const key of ['../escape.png', 'images/../../x.png', '/etc/passwd', 'images/a/b.png', 'images/..', 'noslash.png']) {
        await expect(store.put(key, Buffer.from('x'), 'image/png'), key).rejects.toThrow(/Not a storage key/)
      }
      await expect(store.list('../', null)).rejects.toThrow(/Not a storage folder/)
    })

    it('answers a ping while reachable', async () => {
      await expect(store.ping()).resolves.toBeUndefined()
    })
  })
}
