// Wires the server together: database, image store, gateway (real or the built-in simulator),
// job runner and HTTP app. Used by index.ts and by the integration tests alike.
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { serve } from '@hono/node-server'
import { createApp } from './app'
import { lockDataDir } from './data-dir-lock'
import { createCompareService } from './compare/service'
import { openDatabase } from './db/client'
import { createRepo } from './db/repo'
import { DOCUMENTED_MEDIA_ORIGINS, isLoopback, type Env } from './env'
import { createAccess } from './security/access'
import { createSpend } from './spend/service'
import { createImageService } from './images/service'
import { startStorageAudit } from './jobs/recovery'
import { createJobRunner, DEFAULT_POLL, WEBHOOK_FALLBACK_POLL, type RunnerOptions } from './jobs/runner'
import { createJobService } from './jobs/service'
import { createLogger, type Logger } from './log'
import { createPixazoClient } from './pixazo/client'
import { createPresetService } from './presets/service'
import { createRateLimiter } from './pixazo/rate-limiter'
import { createPollScheduler } from './jobs/poll-scheduler'
import { createChangeNotifier } from './events/notifier'
import { watchRepo } from './events/watch-repo'
import { startSimulator } from './simulator/serve'
import { createStorageHealth } from './storage/health'
import { createImageStore } from './storage/image-store'
import { openBlobStore } from './storage/open'

export type DarkroomOptions = {
  env: Env
  webDir?: string
  log?: Logger
  poll?: RunnerOptions['poll']
  retry?: RunnerOptions['retry']
  /** Demo mode's simulator timing; tests shorten it. */
  demoTiming?: { queuedMs: number; processingMs: number }
}

export const MAX_IMAGE_BYTES = 40 * 1024 * 1024

export async function startDarkroom(options: DarkroomOptions) {
  const { env } = options
  const log =
    options.log ??
    createLogger({
      secrets: [env.apiKey, env.appPassword, ...env.appTokens, env.storage?.credentials?.secretAccessKey, env.storage?.credentials?.sessionToken],
    })
  mkdirSync(env.dataDir, { recursive: true })
  // Before anything touches the folder: the simulator's state, migrations, the storage check.
  const lock = lockDataDir(env.dataDir)
  try {
    return await startLocked(options, log, lock)
  } catch (err) {
    lock.release()
    throw err
  }
}

async function startLocked(options: DarkroomOptions, log: Logger, lock: ReturnType<typeof lockDataDir>) {
  const { env } = options

  // Demo mode: the built-in simulator on a loopback side port plays the gateway, with a throwaway key.
  const demoKey = randomBytes(16).toString('hex')
  const simulator = env.apiKey
    ? null
    : await startSimulator({
        apiKey: demoKey,
        port: 0,
        statePath: path.join(env.dataDir, 'simulator.json'),
        timing: options.demoTiming,
      })
  const gateway = simulator ? { baseUrl: simulator.url, apiKey: demoKey } : { baseUrl: env.baseUrl, apiKey: env.apiKey! }
  const mode = simulator ? ('demo' as const) : ('live' as const)

  const db = openDatabase(path.join(env.dataDir, 'darkroom.db'))
  const changes = createChangeNotifier()
  const repo = watchRepo(createRepo(db), changes)
  const blobs = openBlobStore(env)
  const store = createImageStore(blobs)
  const pixazo = createPixazoClient({ ...gateway, timeoutMs: env.timeoutMs, limiter: createRateLimiter(env.maxRps) })
  const runner = createJobRunner({
    repo,
    pixazo,
    log,
    poll: options.poll ?? (env.publicUrl ? WEBHOOK_FALLBACK_POLL : DEFAULT_POLL),
    retry: options.retry,
    maxInFlight: env.maxInFlight,
    deadlineMs: env.deadlineMs,
    webhookBase: env.publicUrl,
    // Status checks share the gateway limit with submits: about 80% of what the limiter lets through.
    pollScheduler: options.poll || env.publicUrl ? undefined : createPollScheduler({ pollsPerSecond: (env.maxRps / 1.2) * 0.8 }),
    download: {
      store,
      allowedOrigins: new Set([pixazo.origin, ...DOCUMENTED_MEDIA_ORIGINS, ...env.mediaOrigins]),
      maxBytes: MAX_IMAGE_BYTES,
      timeoutMs: env.timeoutMs * 2,
    },
  })
  // Jobs the audit sends back to downloading before resume() are resumed with the rest.
  let resumedAll = false
  const audit = startStorageAudit({ db, repo, store, log, onRedownload: (id) => resumedAll && runner.poke(id) })
  await audit.ready
  const images = createImageService(db, repo, store, { undoMs: env.deleteUndoMs, log })
  const spend = createSpend(db, { dailyUsd: env.dailyBudgetUsd, monthlyUsd: env.monthlyBudgetUsd, unknownPriceUsd: env.unknownPriceUsd })
  const jobs = createJobService(repo, runner, { recordPrompt: images.gallery.recordPrompt, gate: spend.gate })
  const compare = createCompareService({
    db,
    jobs,
    log,
    limits: { maxImages: env.compareMaxImages, confirmImages: env.compareConfirmImages },
    // A few more than fit upstream, so the runner's queue never idles between cells.
    window: env.maxInFlight * 2,
    readThumb: (name) => store.read('thumb', name),
    gate: spend.gate,
  })
  const app = createApp({
    jobs,
    images,
    compare,
    access: createAccess(db, { password: env.appPassword, tokens: env.appTokens, trustProxy: env.trustProxy }),
    spend,
    presets: createPresetService(db),
    submitsPerMinute: env.submitsPerMinute,
    publicUrl: env.publicUrl,
    loopbackOnly: isLoopback(env.host),
    mode,
    activeJobs: runner.activeCount,
    storageHealth: createStorageHealth(blobs, log),
    log,
    webDir: options.webDir,
    changes,
  })

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: env.host, port: env.port }, () => resolve(s))
    s.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  const host = env.host.includes(':') ? `[${env.host}]` : env.host
  const resumed = runner.resume()
  resumedAll = true
  if (resumed) log.info('resumed unfinished jobs', { count: resumed })
  // After the runner, so cells created now are new jobs, not ones it takes for interrupted submits.
  compare.resume()

  return {
    url: `http://${host}:${port}`,
    mode,
    app,
    changes,
    async close() {
      changes.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await audit.stop()
      compare.stop()
      images.close()
      await runner.stop()
      db.close()
      blobs.close()
      await simulator?.close()
      lock.release()
    },
  }
}

export type Darkroom = Awaited<ReturnType<typeof startDarkroom>>
