// A preset saved in the browser is the install's, not the tab's: it is still offered, and applies,
// after the server restarts. This spec runs a Darkroom of its own so it can stop and start it.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'

const port = Number(process.env.E2E_PORT ?? 8797) + 20
const base = `http://127.0.0.1:${port}`
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-e2e-presets-'))
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

/** The server as a person runs it (the web app was built by the suite's first server). */
async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, PIXAZO_API_KEY: '' },
    stdio: 'ignore',
  })
  await expect.poll(async () => (await fetch(`${base}/api/health`).catch(() => null))?.ok ?? false, { timeout: 90_000, intervals: [250] }).toBe(true)
  return child
}

async function stopServer(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

test('a preset saved in the form is offered and applied after the server restarts', async ({ page }) => {
  test.setTimeout(240_000)
  let server = await startServer()
  try {
    await page.goto(base)
    await page.getByRole('combobox', { name: 'Model' }).selectOption('ernie-image')
    await page.getByRole('spinbutton', { name: 'Steps' }).fill('37')
    await page.getByRole('button', { name: 'Save as preset' }).click()
    const save = page.getByRole('group', { name: 'Save as preset' })
    await save.getByRole('textbox', { name: 'Name' }).fill('Thirty-seven steps')
    await save.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('combobox', { name: 'Apply a preset' }).getByRole('option', { name: /Thirty-seven steps/ })).toBeAttached()

    await stopServer(server)
    server = await startServer()

    // A fresh page on the restarted server: the form starts from its defaults, the preset is still there.
    await page.goto(base)
    await page.getByRole('combobox', { name: 'Model' }).selectOption('z-image-turbo')
    const presets = page.getByRole('combobox', { name: 'Apply a preset' })
    await expect(presets.getByRole('option', { name: /Thirty-seven steps/ })).toBeAttached()
    await presets.selectOption({ label: (await presets.getByRole('option', { name: /Thirty-seven steps/ }).textContent())! })
    await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('ernie-image')
    await expect(page.getByRole('spinbutton', { name: 'Steps' })).toHaveValue('37')
    await expect(page.getByText(/Preset "Thirty-seven steps" applied/)).toBeVisible()
  } finally {
    await stopServer(server)
  }
})
