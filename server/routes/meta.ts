import { Hono } from 'hono'
import type { Settings } from '../../shared/api'
import { modelList } from '../../shared/catalogue'

export type Mode = Settings['mode']

export const metaRoutes = (mode: Mode, activeJobs: () => number, storage: () => Promise<'ok' | 'unreachable'>) =>
  new Hono()
    .get('/health', async (c) => c.json({ ok: true as const, mode, activeJobs: activeJobs(), storage: await storage() }, 200))
    .get('/settings', (c) => {
      const settings: Settings = {
        mode,
        models: modelList().map((m) => ({ id: m.id, displayName: m.displayName, pricePerImageUsd: m.pricePerImageUsd })),
      }
      return c.json(settings, 200)
    })
