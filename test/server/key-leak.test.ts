// The key must never reach the browser: build the web app with a key in the environment, serve it
// through the real server in live mode, and look for the key in every built file and in the HTML.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDarkroom, type Darkroom } from '../../server/darkroom'
import { parseEnv } from '../../server/env'
import { createLogger } from '../../server/log'
import { startSimulator } from '../../server/simulator/serve'

const CANARY = 'pz-canary-5d1e0b7c9a3f'
let outDir: string
let dataDir: string
let darkroom: Darkroom
let sim: Awaited<ReturnType<typeof startSimulator>>
const logs: string[] = []

beforeAll(async () => {
  outDir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-build-'))
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-leak-'))
  process.env.PIXAZO_API_KEY = CANARY
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } })
  sim = await startSimulator({ apiKey: CANARY, port: 0, timing: { queuedMs: 10, processingMs: 10 } })
  darkroom = await startDarkroom({
    env: parseEnv({ ...process.env, PIXAZO_BASE_URL: sim.url, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' }),
    webDir: outDir,
    // The logger as the server makes it, redacting the key; the test then checks no line has it.
    log: createLogger({ secrets: [CANARY], write: (l) => logs.push(l) }),
  })
}, 60_000)

afterAll(async () => {
  delete process.env.PIXAZO_API_KEY
  await darkroom.close()
  await sim.close()
  rmSync(outDir, { recursive: true, force: true })
  rmSync(dataDir, { recursive: true, force: true })
})

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))

describe('the API key stays on the server', () => {
  it('is in no file of the built web app', () => {
    const built = files(outDir)
    expect(built.some((f) => f.endsWith('.js'))).toBe(true)
    for (const file of built) expect(readFileSync(file, 'latin1')).not.toContain(CANARY)
  })

  it('is in no page, no answer of any API route and no log line of a live server, while the gateway did get it', async () => {
    const answers: string[] = []
    const call = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`${darkroom.url}${path}`, { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } })
      answers.push(`${res.status} ${[...res.headers].join(' ')} ${Buffer.from(await res.clone().arrayBuffer()).toString('latin1')}`)
      return res
    }
    const html = await (await fetch(`${darkroom.url}/`)).text()
    expect(html).toContain('<div id="root">')
    answers.push(html)
    const job = await (
      await call('/api/jobs', { method: 'POST', body: JSON.stringify({ model: 'z-image-turbo', params: { prompt: 'canary' } }) })
    ).json()
    type Images = { images: { id: string; url: string; thumbUrl: string; downloadUrl: string }[] }
    const read = async (id: string) => (await fetch(`${darkroom.url}/api/jobs/${id}`)).json()
    let done: Images = { images: [] }
    await expect.poll(async () => (done = await read(job.id)).images.length).toBeGreaterThan(0)
    const image = done.images[0]!
    sim.control.failNext('generate', { status: 401, body: { statusCode: 401, message: 'Access denied due to invalid subscription key.' } })
    const denied = await (
      await call('/api/jobs', { method: 'POST', body: JSON.stringify({ model: 'ernie-image', params: { prompt: 'denied' } }) })
    ).json()
    // The refusal is stored on the job before its answers are collected below.
    await expect.poll(async () => (await read(denied.id)).status).toBe('failed')
    const collection = await (await call('/api/collections', { method: 'POST', body: JSON.stringify({ name: 'Canaries' }) })).json()
    const ticket = await (await call('/api/images/zip', { method: 'POST', body: JSON.stringify({ ids: [image.id] }) })).json()
    const comparison = await (
      await call('/api/comparisons', {
        method: 'POST',
        body: JSON.stringify({ model: 'z-image-turbo', params: { prompt: 'canary grid' }, axes: { x: { param: 'seed', values: [1, 2] } } }),
      })
    ).json()
    for (const path of [
      `/api/jobs/${job.id}`,
      `/api/jobs/${denied.id}`,
      '/api/jobs',
      '/api/images',
      `/api/images/${image.id}`,
      image.url,
      image.thumbUrl,
      image.downloadUrl,
      ticket.url,
      '/api/collections',
      '/api/prompts',
      '/api/spend',
      '/api/settings',
      '/api/health',
      '/api/auth/session',
      '/api/comparisons',
      `/api/comparisons/${comparison.id}`,
      `/api/comparisons/${comparison.id}/export.png`,
      '/api/nope',
      '/api/jobs/nope',
      '/sign-in',
    ])
      await call(path)
    await call(`/api/jobs/${denied.id}/retry`, { method: 'POST' })
    await call(`/api/images/${image.id}`, { method: 'PATCH', body: JSON.stringify({ favourite: true }) })
    await call('/api/images/bulk', {
      method: 'POST',
      body: JSON.stringify({ action: 'add-to-collection', collectionId: collection.id, ids: [image.id] }),
    })
    await call('/api/jobs', { method: 'POST', body: '{"broken' })

    expect(answers.length).toBeGreaterThan(25)
    const leaks = [...answers, ...logs].filter((t) => t.includes(CANARY)).map((t) => t.slice(0, 300))
    expect(leaks).toEqual([])
    expect(logs.length).toBeGreaterThan(3)
    expect(sim.control.submissions().length).toBeGreaterThan(0)
    expect(sim.control.requests.every((r) => r.path.startsWith('/media/') || r.headers['ocp-apim-subscription-key'] === CANARY)).toBe(true)
  })
})
