// With a state file, a restarted simulator still knows the request ids it handed out.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { settled, start, status, submit } from './support'

let dir = ''
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('persistence', () => {
  it('keeps jobs across a restart', async () => {
    dir = await mkdtemp(join(tmpdir(), 'darkroom-sim-'))
    const statePath = join(dir, 'state.json')
    const first = await start({ statePath, timing: { queuedMs: 50, processingMs: 50 } })
    const id = await submit(first.url, 'ernie-image-turbo', { prompt: 'a kite', seed: 5, num_images: 2 })
    await first.close()

    const second = await start({ statePath })
    const done = await settled(second.url, id)
    expect(done).toMatchObject({ request_id: id, status: 'COMPLETED' })
    expect(done.output.media_url).toEqual([0, 1].map((i) => `${second.url}/media/${id}/output-${i}.jpeg`))
    expect((await fetch(done.output.media_url[1])).status).toBe(200)
    // The write is atomic: no temp file is left beside the state.
    expect(await readdir(dir)).toEqual(['state.json'])
    expect(JSON.parse(await readFile(statePath, 'utf8')).jobs).toHaveLength(1)
  })

  it('forgets jobs without a state file', async () => {
    const first = await start()
    const id = await submit(first.url, 'ernie-image-turbo', { prompt: 'a kite' })
    await first.close()
    const second = await start()
    expect((await status(second.url, id)).status).toBe(404)
  })
})
