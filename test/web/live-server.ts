// Component tests against the real server: `server/index.ts` as its own process in demo mode (its
// built-in simulator, a throwaway DATA_DIR). The browser's relative `/api/...` requests go to it;
// nothing of the app is stood in for. (A process, because jsdom's URL cannot boot the server here.)
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, vi } from 'vitest'
import { startServerProcess, type ServerProcess } from '../server/server-process'

export function useLiveServer() {
  const live = {
    server: undefined as unknown as ServerProcess,
    api: (pathname: string, init?: RequestInit) => realFetch(live.server.url + pathname, init),
    json: async <T>(pathname: string, body?: unknown): Promise<T> => {
      const res = await live.api(
        pathname,
        body === undefined ? undefined : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
      )
      if (!res.ok) throw new Error(`${pathname} answered ${res.status}: ${await res.text()}`)
      return res.json() as Promise<T>
    },
  }
  const realFetch = globalThis.fetch
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-web-'))
  beforeAll(async () => {
    live.server = await startServerProcess({ PIXAZO_API_KEY: '', DATA_DIR: dataDir, HOST: '127.0.0.1' })
  })
  afterAll(async () => {
    await live.server?.kill('SIGTERM')
    rmSync(dataDir, { recursive: true, force: true })
  })
  beforeEach(() => {
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
      realFetch(typeof input === 'string' && input.startsWith('/') ? live.server.url + input : input, init),
    )
  })
  return live
}
