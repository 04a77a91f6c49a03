import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { healthSchema, settingsSchema, type Job } from '../../../shared/api'
import { startDarkroom, type Darkroom } from '../../../server/darkroom'
import { parseEnv } from '../../../server/env'
import { createLogger } from '../../../server/log'
import { FAST_POLL, FAST_TIMING } from '../harness'

let dataDir: string
let darkroom: Darkroom
const boot = () =>
  startDarkroom({
    env: parseEnv({ DATA_DIR: dataDir, PORT: '0' }),
    poll: FAST_POLL,
    demoTiming: FAST_TIMING,
    log: createLogger({ write: () => {} }),
  })

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-demo-'))
  darkroom = await boot()
})
afterAll(async () => {
  await darkroom.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function settle(id: string): Promise<Job> {
  for (let i = 0; i < 400; i++) {
    const job: Job = await (await fetch(`${darkroom.url}/api/jobs/${id}`)).json()
    if (!['submitting', 'queued', 'processing', 'downloading'].includes(job.status)) return job
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error('job did not settle')
}

describe('demo mode (no key set)', () => {
  it('says so in settings and health, and lists the three models', async () => {
    const settings = settingsSchema.parse(await (await fetch(`${darkroom.url}/api/settings`)).json())
    expect(settings.mode).toBe('demo')
    expect(settings.models.map((m) => m.displayName)).toEqual(['ERNIE Image Turbo', 'ERNIE Image 1.0', 'Z-Image Turbo'])
    expect(healthSchema.parse(await (await fetch(`${darkroom.url}/api/health`)).json()).mode).toBe('demo')
  })

  it('generates with the built-in simulator and keeps its jobs across a restart', async () => {
    const res = await fetch(`${darkroom.url}/api/jobs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'z-image-turbo', params: { prompt: 'demo fox', image_size: 'square' } }),
    })
    const created: Job = await res.json()
    // Restart at once: the simulator's state lives in DATA_DIR, so the queued job still finishes.
    await darkroom.close()
    darkroom = await boot()
    const job = await settle(created.id)
    expect(job.status).toBe('completed')
    expect(job.images[0]).toMatchObject({ width: 512, height: 512, mimeType: 'image/png' })
  })
})
