import { fileURLToPath } from 'node:url'
import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'
import { precompress } from './scripts/precompress.ts'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))
const apiPort = process.env.PORT ?? '8787'

export default defineConfig({
  root: here('./web'),
  plugins: [react(), tailwindcss(), precompress()],
  build: { outDir: here('./dist/web'), emptyOutDir: true, rolldownOptions: { treeshake: { manualPureFunctions: ['z'] } } },
  server: { proxy: { '/api': `http://127.0.0.1:${apiPort}` } },
  test: {
    root: here('.'),
    // On a busy machine a wait of a second is not a deadline but a coin toss; slow is not failed.
    expect: { poll: { timeout: 60_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          root: here('.'),
          include: ['test/shared/**/*.test.ts', 'test/server/**/*.test.ts', 'test/build/**/*.test.ts'],
          environment: 'node',
          // A throwaway PostgreSQL cluster for the Postgres side of the data layer (test/support/postgres.ts).
          globalSetup: [here('./test/support/postgres-setup.ts')],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'web',
          root: here('.'),
          include: ['test/web/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: [here('./test/web/setup.ts')],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
})
