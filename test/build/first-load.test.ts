// The first page's JS, built for real and measured as the server sends it (gzip -9): under budget,
// and without zod, which the playground loads after its first render (decision 029).
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { initialJsBytes, initialJsFiles } from '../../bench/initial-js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const viteBin = path.join(root, 'node_modules/vite/bin/vite.js')
/**
 * Issue #11's target. The first load was 136.1 KB when queue control joined the playground; the app's
 * own page table in place of TanStack Router (decision 030) brought it to 111.5 KB (react-dom alone is
 * about 62 KB).
 */
const BUDGET_KB = 120

let outDir = ''
beforeAll(async () => {
  outDir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-first-load-'))
  // Its own process, as `npm start` builds: inside Vitest, NODE_ENV=test would bundle React's development build.
  const env = { ...process.env, NODE_ENV: 'production' }
  await promisify(execFile)(process.execPath, [viteBin, 'build', '--outDir', outDir, '--emptyOutDir', '--sourcemap', '--logLevel', 'error'], {
    cwd: root,
    env,
  })
})
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

describe('the first page load', () => {
  it(`needs at most ${BUDGET_KB} KB of gzipped JS`, () => {
    const { gzip } = initialJsBytes(outDir)
    expect(gzip / 1024).toBeLessThanOrEqual(BUDGET_KB)
  })

  it('leaves zod and the response schemas to a later chunk', () => {
    const sources = initialJsFiles(outDir).flatMap(
      (file) => (JSON.parse(readFileSync(path.join(outDir, `${file}.map`), 'utf8')) as { sources: string[] }).sources,
    )
    expect(sources.some((s) => s.includes('/react-dom/'))).toBe(true)
    expect(sources.filter((s) => s.includes('/node_modules/zod/') || /shared\/(api|params|gallery-api|presets|compare|batch)\.ts$/.test(s))).toEqual(
      [],
    )
  })
})
