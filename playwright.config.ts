import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { defineConfig } from '@playwright/test'

// One throwaway DATA_DIR per run, created once by the main process and inherited by workers.
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'darkroom-e2e-'))
const port = Number(process.env.E2E_PORT ?? 8797)
/** The password-protected server of test/e2e/team.spec.ts. */
export const TEAM_PORT = port + 10
export const TEAM_PASSWORD = 'e2e team password'

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // Deadlines only bound failures (docs/decisions/010): generous, so a busy 2-core machine never trips them.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      // The README's own start command, in demo mode (no key), on a throwaway data dir.
      command: 'npm start',
      url: `http://127.0.0.1:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      env: { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: process.env.E2E_DATA_DIR, PIXAZO_API_KEY: '', SUBMITS_PER_MINUTE: '1000' },
    },
    {
      // A shared Darkroom: a password and a tiny daily budget. It starts once the
      // first server has built the web app, and serves that build.
      command: `node -e "const u='http://127.0.0.1:${port}/api/health';(async()=>{for(;;){try{if((await fetch(u)).ok)break}catch{}await new Promise(r=>setTimeout(r,500))}})()" && node --import tsx server/index.ts`,
      url: `http://127.0.0.1:${TEAM_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 150_000,
      stdout: 'ignore',
      env: {
        PORT: String(TEAM_PORT),
        HOST: '127.0.0.1',
        DATA_DIR: `${process.env.E2E_DATA_DIR}-team`,
        PIXAZO_API_KEY: '',
        APP_PASSWORD: TEAM_PASSWORD,
        DAILY_BUDGET_USD: '0.016',
        SUBMITS_PER_MINUTE: '30',
      },
    },
  ],
})
