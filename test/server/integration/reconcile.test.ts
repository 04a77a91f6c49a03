// At every start, files on disk and rows in the database are made to agree.
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Job } from '../../../shared/api'
import { startStack, type Stack } from '../harness'

let stack: Stack
afterEach(async () => {
  await stack?.close()
})

describe('start-up reconcile', () => {
  it('removes stray files, rebuilds a lost thumbnail and downloads a lost original again', async () => {
    stack = await startStack()
    const a = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'keeps its original' })).id)
    const b = await stack.settle((await stack.createJob('z-image-turbo', { prompt: 'loses its original' })).id)
    const dir = (sub: string) => path.join(stack.dataDir, sub)
    const [imageA] = a.images
    const [imageB] = b.images

    await stack.darkroom.close()
    writeFileSync(path.join(dir('images'), 'stray.png'), 'left by a crash')
    writeFileSync(path.join(dir('thumbs'), 'stray.webp'), 'left by a crash')
    writeFileSync(path.join(dir('tmp'), 'half-written.part'), 'partial')
    rmSync(path.join(dir('thumbs'), `${imageA!.id}.webp`))
    rmSync(path.join(dir('images'), `${imageB!.id}.png`))
    await stack.restart()

    expect(readdirSync(dir('tmp'))).toEqual([])
    expect(existsSync(path.join(dir('images'), 'stray.png'))).toBe(false)
    expect(existsSync(path.join(dir('thumbs'), 'stray.webp'))).toBe(false)
    expect((await stack.api(imageA!.thumbUrl)).status).toBe(200)

    const healed = await stack.settle(b.id)
    expect(healed.status).toBe('completed')
    expect(healed.images).toHaveLength(1)
    expect((await stack.api(healed.images[0]!.url)).status).toBe(200)
    expect(stack.sim.control.submissions()).toHaveLength(2)

    // Every file on disk belongs to a row, and every row has its files.
    const all: Job[] = (await (await stack.api('/api/jobs')).json()).items
    const expected = all.flatMap((j) => j.images.map((i) => i.id)).sort()
    expect(
      readdirSync(dir('images'))
        .map((f) => f.replace(/\.\w+$/, ''))
        .sort(),
    ).toEqual(expected)
    expect(
      readdirSync(dir('thumbs'))
        .map((f) => f.replace(/\.\w+$/, ''))
        .sort(),
    ).toEqual(expected)
  })
})
