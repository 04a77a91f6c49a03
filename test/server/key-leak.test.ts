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

  it('is in no page or API answer of a live server, and the gateway did get it', async () => {
    const html = await (await fetch(`${darkroom.url}/`)).text()
    expect(html).toContain('<div id="root">')
    const res = await fetch(`${darkroom.url}/api/jobs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'z-image-turbo', params: { prompt: 'canary' } }),
    })
    const job = await res.json()
    let body = ''
    for (let i = 0; i < 200 && !body.includes('"completed"'); i++) {
      await new Promise((r) => setTimeout(r, 50))
      body = await (await fetch(`${darkroom.url}/api/jobs/${job.id}`)).text()
    }
    const answers = [html, body, await (await fetch(`${darkroom.url}/api/settings`)).text(), await (await fetch(`${darkroom.url}/api/health`)).text()]
    for (const text of [...answers, ...logs]) expect(text).not.toContain(CANARY)
    expect(sim.control.submissions()[0]).toBeDefined()
    expect(sim.control.requests[0]!.headers['ocp-apim-subscription-key']).toBe(CANARY)
  })
})
