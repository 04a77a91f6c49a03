import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDiskStore } from '../../../server/storage/disk-store'
import { blobStoreContract } from './contract'

blobStoreContract('files in DATA_DIR', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-blobs-'))
  return { store: createDiskStore(dir), cleanup: async () => rmSync(dir, { recursive: true, force: true }) }
})

describe('disk store', () => {
  it("keeps today's layout (DATA_DIR/images, DATA_DIR/thumbs) and drops a crash's partial writes on open", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-blobs-'))
    try {
      const first = createDiskStore(dir)
      await first.put('images/a.png', Buffer.from('png'), 'image/png')
      await first.put('thumbs/a.webp', Buffer.from('webp'), 'image/webp')
      expect(readdirSync(path.join(dir, 'images'))).toEqual(['a.png'])
      expect(readdirSync(path.join(dir, 'thumbs'))).toEqual(['a.webp'])
      expect(readdirSync(path.join(dir, 'tmp'))).toEqual([])
      first.close()
      writeFileSync(path.join(dir, 'tmp', 'half.part'), 'x')
      createDiskStore(dir).close()
      expect(readdirSync(path.join(dir, 'tmp'))).toEqual([])
      expect(existsSync(path.join(dir, 'images', 'a.png'))).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
