import { Hono } from 'hono'
import type { Settings } from '../../shared/api'
import { modelList } from '../../shared/catalogue'
import type { HealthChecks } from '../health-check'

export type Mode = Settings['mode']

export const metaRoutes = (mode: Mode, activeJobs: () => number, checks: HealthChecks) =>
  new Hono()
    // 503 when the database or the storage cannot be reached, so a load balancer sends no one here.
    .get('/health', async (c) => {
      const [database, storage] = await Promise.all([checks.database(), checks.storage()])
      const ok = database === 'ok' && storage === 'ok'
      return c.json({ ok, mode, activeJobs: activeJobs(), database, storage }, ok ? 200 : 503)
    })
    .get('/settings', (c) => {
      const settings: Settings = {
        mode,
        models: modelList().map((m) => ({ id: m.id, displayName: m.displayName, pricePerImageUsd: m.pricePerImageUsd })),
      }
      return c.json(settings, 200)
    })
