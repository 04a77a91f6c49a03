// The app's HTTP surface: the API under /api, and the built web app for everything else.
import { Hono } from 'hono'
import type { BatchService } from './batches/service'
import type { CompareService } from './compare/service'
import { compressJson } from './http-compress'
import { errorBody, onError } from './http-errors'
import type { ImageService } from './images/service'
import type { JobService } from './jobs/service'
import type { QueueService } from './jobs/queue'
import type { Logger } from './log'
import { createZipTickets } from './images/zip'
import type { ZipTicketStore } from './db/stores'
import type { HealthChecks } from './health-check'
import { collectionRoutes, downloadRoutes, promptRoutes } from './routes/collections'
import { batchRoutes } from './routes/batches'
import { compareRoutes } from './routes/compare'
import { imageRoutes } from './routes/images'
import { jobRoutes } from './routes/jobs'
import { queueRoutes } from './routes/queue'
import { metaRoutes, type Mode } from './routes/meta'
import { openApiRoutes } from './routes/openapi'
import { presetRoutes, promptListRoutes } from './routes/presets'
import type { PresetService } from './presets/service'
import { webhookRoutes } from './routes/webhooks'
import { announceEdits, eventRoutes } from './routes/events'
import type { ChangeNotifier } from './events/notifier'
import { webRoutes } from './routes/web'
import { authRoutes } from './routes/auth'
import { returnPath, signInPageRoutes, signInUrl } from './routes/sign-in-page'
import type { Access } from './security/access'
import { submitLimit } from './security/submit-limit'
import type { SubmitLimit } from './limits/submits'
import { bodyLimits } from './security/body-limit'
import type { SpendReport } from '../shared/spend'
import type { Spend } from './spend/service'
import { sameOriginOnly, securityHeaders } from './security/headers'

export type AppDeps = {
  jobs: JobService
  /** Darkroom's own queue: pause, order, cancel waiting (decision 028). */
  queue: QueueService
  batches: BatchService
  images: ImageService
  compare: CompareService
  mode: Mode
  activeJobs: () => number
  /** Pings image storage (cached briefly), for /api/health. */
  health: HealthChecks
  log: Logger
  /** The built web app (dist/web); omitted in tests and under `npm run dev`. */
  webDir?: string
  access: Access
  /** Where browsers reach this server, if it is not only its own address. */
  publicUrl?: string
  /** Bound to loopback: requests must name a loopback Host (stops DNS rebinding). */
  loopbackOnly: boolean
  spend: Spend
  presets: PresetService
  /** Submits per person per minute, shared by all instances (SUBMITS_PER_MINUTE). */
  submits: SubmitLimit
  zips: ZipTicketStore
  /** Live updates: GET /api/events (decision 016). */
  changes: ChangeNotifier
}

export function createApp(deps: AppDeps) {
  const zips = createZipTickets(deps.images, deps.zips)
  const limit = submitLimit(deps.submits)
  const api = new Hono()
    .use(announceEdits(deps.changes))
    .use('/jobs', limit)
    .use('/batches', limit)
    .use('/jobs/:id/retry', limit)
    .use('/comparisons', limit)
    .get('/spend', async (c) => c.json((await deps.spend.report()) satisfies SpendReport, 200))
    .route('/jobs', jobRoutes(deps.jobs))
    .route('/queue', queueRoutes(deps.queue))
    .route('/batches', batchRoutes(deps.batches))
    .route('/images', imageRoutes(deps.images, zips))
    .route('/collections', collectionRoutes(deps.images.gallery))
    .route('/prompts', promptRoutes(deps.images.gallery))
    .route('/presets', presetRoutes(deps.presets))
    .route('/prompt-lists', promptListRoutes(deps.presets))
    .route('/downloads', downloadRoutes(zips))
    .route('/comparisons', compareRoutes(deps.compare))
    .route('/webhooks', webhookRoutes(deps.jobs))
    .route('/events', eventRoutes(deps.changes, deps.jobs, deps.queue, deps.images))
    .route('/auth', authRoutes(deps.access))
    .route('/', metaRoutes(deps.mode, deps.activeJobs, deps.health))
    .route('/', openApiRoutes())
    .all('*', (c) => c.json(errorBody(`No API route ${c.req.method} ${c.req.path}`), 404))

  const { access } = deps
  const app = new Hono()
    .use(securityHeaders())
    // Before anything reads a body: the access check, sign-in and every route.
    .use(bodyLimits())
    .use('/api/*', compressJson())
    .use(sameOriginOnly({ publicUrl: deps.publicUrl, loopbackOnly: deps.loopbackOnly, isExempt: (p) => p.startsWith('/api/webhooks/') }))
    .use('/api/*', access.guard())
    .route('/api', api)
    .route('/', signInPageRoutes(access))
  if (deps.webDir) {
    // Pages need a session too; the built assets hold no secrets (a test scans them for the key).
    app.use('*', async (c, next) => {
      if (access.enabled && c.req.method === 'GET' && !c.req.path.startsWith('/assets/') && !(await access.sessionValid(c))) {
        const asked = new URL(c.req.url)
        return c.redirect(signInUrl(returnPath(asked.pathname + asked.search)), 303)
      }
      return next()
    })
    app.route('/', webRoutes(deps.webDir))
  }
  app.onError(onError(deps.log))
  app.notFound((c) => c.json(errorBody('Not found'), 404))
  return app
}

/** @public The route types an `hc` client is typed with (STYLE.md); kept although no client uses it yet. */
export type AppType = ReturnType<typeof createApp>
