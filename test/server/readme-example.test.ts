// The README's script example, run as a reader would: copied out of README.md into a file and run
// with node against a shared Darkroom (a bearer token) whose gateway is the simulator.
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { readEmbeddedParameters } from '../../shared/image-metadata'
import { startStack, type Stack } from './harness'

const TOKEN = 'readme-example-token-0123456789abcdef'
let stack: Stack
beforeAll(async () => {
  stack = await startStack({ env: { APP_TOKENS: TOKEN, APP_PASSWORD: 'a long enough password' } })
})
afterAll(() => stack.close())

function readmeExample(name: string): string {
  const readme = readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8')
  const m = new RegExp(`<!-- example:${name} -->\\s*\`\`\`js\\n([\\s\\S]*?)\`\`\``).exec(readme)
  if (!m?.[1]) throw new Error(`README.md has no example:${name} block`)
  return m[1]
}

it('the README batch example submits with a token and downloads every image with its parameters', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-readme-'))
  const script = path.join(dir, 'batch.mjs')
  writeFileSync(script, readmeExample('batch'))
  const out = path.join(dir, 'out')
  const { stdout } = await promisify(execFile)(process.execPath, [script, out], {
    env: { ...process.env, DARKROOM_URL: stack.darkroom.url, DARKROOM_TOKEN: TOKEN },
    timeout: 60_000,
  })
  const files = readdirSync(out)
  expect(files).toHaveLength(3)
  expect(stdout).toContain('3 jobs, 3 images, estimated $')
  expect(stdout).toContain('a lighthouse at dusk')
  const prompts = files.map((f) => readEmbeddedParameters(readFileSync(path.join(out, f)))?.params.prompt).sort()
  expect(prompts).toEqual(['a bowl of ramen, top view', 'a lighthouse at dusk', 'a red fox in the snow'])
})
