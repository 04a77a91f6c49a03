// With a state file, a restarted simulator still knows the request ids it handed out.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
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
    // Appended, never rewritten: no temp file is left beside the state, and the job is one line.
    expect(await readdir(dir)).toEqual(['state.json'])
    const lines = (await readFile(statePath, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines.filter((l) => l.add).map((l) => l.add.requestId)).toEqual([id])
  })

  it('appends one line per change instead of rewriting the file, and replays it after a restart', async () => {
    dir = await mkdtemp(join(tmpdir(), 'darkroom-sim-'))
    const statePath = join(dir, 'state.json')
    const sim = await start({ statePath, timing: { queuedMs: 0, processingMs: 0 } })
    const ids = [await submit(sim.url, 'z-image-turbo', { prompt: 'one' })]
    const before = await readFile(statePath, 'utf8')
    for (const prompt of ['two', 'three', 'four']) ids.push(await submit(sim.url, 'z-image-turbo', { prompt }))
    const after = await readFile(statePath, 'utf8')
    expect(after.startsWith(before)).toBe(true)
    expect(after.slice(before.length).trim().split('\n')).toHaveLength(3)
    await sim.close()

    const again = await start({ statePath })
    for (const id of ids) expect((await status(again.url, id)).status).toBe(200)
  })

  it('survives a crash in the middle of a line, and reads a state file from an older version', async () => {
    dir = await mkdtemp(join(tmpdir(), 'darkroom-sim-'))
    const statePath = join(dir, 'state.json')
    const first = await start({ statePath, timing: { queuedMs: 0, processingMs: 0 } })
    const id = await submit(first.url, 'z-image-turbo', { prompt: 'kept' })
    await first.close()
    const job = JSON.parse((await readFile(statePath, 'utf8')).trim().split('\n')[0]!).add
    // An older version wrote the whole state as one JSON object; a crash left half a line after it.
    await writeFile(statePath, `${JSON.stringify({ jobs: [job] })}\n{"add":{"requestId":"half`)

    const second = await start({ statePath })
    expect((await settled(second.url, id)).status).toBe('COMPLETED')
    const next = await submit(second.url, 'z-image-turbo', { prompt: 'after the crash' })
    await second.close()
    const third = await start({ statePath })
    expect((await status(third.url, next)).status).toBe(200)
    expect((await status(third.url, id)).status).toBe(200)
  })

  it('forgets jobs without a state file', async () => {
    const first = await start()
    const id = await submit(first.url, 'ernie-image-turbo', { prompt: 'a kite' })
    await first.close()
    const second = await start()
    expect((await status(second.url, id)).status).toBe(404)
  })
})
