// Wires the server together: database, image store, gateway (real or the built-in simulator),
// job runner and HTTP app. Used by index.ts and by the integration tests alike.
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { serve } from '@hono/node-server'
import { createApp } from './app'
import { lockDataDir } from './data-dir-lock'
import { createBatchService } from './batches/service'
import { createCompareService } from './compare/service'
import { openData } from './db/open'
import type { Data } from './db/stores'
import { databaseSecrets, DOCUMENTED_MEDIA_ORIGINS, isLoopback, type Env } from './env'
import { createAccess } from './security/access'
import { createSpend } from './spend/service'
import { createImageService } from './images/service'
import { startStorageAudit } from './jobs/recovery'
import { createJobRunner, DEFAULT_POLL, WEBHOOK_FALLBACK_POLL, type RunnerOptions } from './jobs/runner'
import { createJobService } from './jobs/service'
import { createQueueService } from './jobs/queue'
import { createHealthCheck } from './health-check'
import { createLogger, type Logger } from './log'
import { createPixazoClient } from './pixazo/client'
import { createPresetService } from './presets/service'
import { createLimits } from './limits'
import { createPollScheduler } from './jobs/poll-scheduler'
import { createChangeNotifier } from './events/notifier'
import { watchRepo } from './events/watch-repo'
import { startChangeListener } from './cluster/change-listener'
import { electLeader, soleLeader } from './cluster/leader'
import { startSimulator } from './simulator/serve'
import { MAX_EXPANSION } from '../shared/dynamic-prompts'
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
      secrets: [
        env.apiKey,
        env.appPassword,
        ...env.appTokens,
        ...databaseSecrets(env.databaseUrl),
        env.storage?.credentials?.secretAccessKey,
        env.storage?.credentials?.sessionToken,
      ],
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
  const opened = await openData(env)
  try {
    return await startOn(opened, options, log, lock)
  } catch (err) {
    await opened.close()
    throw err
  }
}

async function startOn(opened: Data, options: DarkroomOptions, log: Logger, lock: ReturnType<typeof lockDataDir>) {
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

  // Across instances (PostgreSQL) the database numbers and announces changes; alone, this process does (decision 026).
  const shared = opened.changes
  const changes = shared
    ? createChangeNotifier({
        firstVersion: await shared.current(),
        publish: shared.publish,
        onError: (err) => log.warn('a change could not be announced', { error: String(err) }),
      })
    : createChangeNotifier()
  const listener =
    shared && env.databaseUrl ? await startChangeListener({ url: env.databaseUrl, notifier: changes, current: shared.current, log }) : null
  // Chores that must not run twice across instances run on the leader only; SQLite's one process always leads.
  const leader = env.databaseUrl ? await electLeader({ url: env.databaseUrl, log }) : soleLeader()
  const repo = watchRepo(opened.jobs, changes)
  const data: Data = { ...opened, jobs: repo }
  const blobs = await openBlobStore(env)
  const store = createImageStore(blobs)
  // Counted in the database, so every instance sharing it shares each limit (decision 021).
  const limits = createLimits(data.limitStore, { gatewayPerSecond: env.maxRps, submitsPerMinute: env.submitsPerMinute })
  const pixazo = createPixazoClient({ ...gateway, timeoutMs: env.timeoutMs, limiter: limits.gateway })
  // This process among the instances sharing the database: the owner of the job leases it holds.
  const instanceId = randomBytes(6).toString('hex')
  log.info('instance', { id: instanceId, database: data.dialect })
  const runner = createJobRunner({
    repo,
    instanceId,
    leaseMs: env.leaseMs,
    // SQLite: DATA_DIR is locked to this process, so no lease found at boot can be a live instance's.
    ownsEveryLeaseAtBoot: data.dialect === 'sqlite',
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
  // A bucket answers in milliseconds per request, not microseconds: only its first page runs before listening.
  // On the leader only; an instance that becomes the leader later audits then.
  let auditReady = Promise.resolve()
  leader.whileLeader(() => {
    const audit = startStorageAudit({
      repo,
      store,
      log,
      bootItems: blobs.kind === 's3' ? 1 : undefined,
      onRedownload: (id) => {
        if (resumedAll) runner.poke(id, { download: true }).catch((err) => log.error('re-download could not start', { job: id, error: String(err) }))
      },
    })
    auditReady = audit.ready
    return audit
  })
  await auditReady
  const images = createImageService(data, repo, store, { undoMs: env.deleteUndoMs, log, purges: leader.isLeader })
  const spend = createSpend(data.spend, { dailyUsd: env.dailyBudgetUsd, monthlyUsd: env.monthlyBudgetUsd, unknownPriceUsd: env.unknownPriceUsd })
  const jobs = createJobService(repo, runner, { recordPrompt: images.gallery.recordPrompt, gate: spend.gate })
  const compare = createCompareService({
    data,
    jobs,
    log,
    limits: { maxImages: env.compareMaxImages, confirmImages: env.compareConfirmImages },
    // A few more than fit upstream, so the runner's queue never idles between cells.
    window: env.maxInFlight * 2,
    readThumb: (name) => store.read('thumb', name),
    gate: spend.gate,
    feeds: leader.isLeader,
  })
  const presets = createPresetService(data.presets)
  const app = createApp({
    jobs,
    queue: createQueueService(repo, runner),
    batches: createBatchService({
      jobs,
      lists: presets.listEntries,
      limits: { maxPrompts: MAX_EXPANSION, confirmImages: env.compareConfirmImages },
    }),
    images,
    compare,
    access: createAccess(data.access, { password: env.appPassword, tokens: env.appTokens, trustProxy: env.trustProxy, throttle: limits.signIn }),
    spend,
    presets,
    submits: limits.submits,
    zips: data.zipTickets,
    publicUrl: env.publicUrl,
    loopbackOnly: isLoopback(env.host),
    mode,
    activeJobs: runner.activeCount,
    health: { database: createHealthCheck('database', data.ping, log), storage: createHealthCheck('storage', () => blobs.ping(), log) },
    log,
    webDir: options.webDir,
    changes,
  })

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: env.host, port: env.port }, () => resolve(s))
    s.once('error', reject)
  }).catch(async (err) => {
    // Their connections would keep the process alive (a port already taken, say).
    await leader.close()
    await listener?.close()
    throw err
  })
  const { port } = server.address() as AddressInfo
  const host = env.host.includes(':') ? `[${env.host}]` : env.host
  const resumed = await runner.resume()
  resumedAll = true
  if (resumed) log.info('resumed unfinished jobs', { count: resumed })
  // After the runner, so cells created now are new jobs, not ones it takes for interrupted submits.
  // The leader feeds every instance's comparisons: it hears of new ones and of finished cells.
  let fed = Promise.resolve()
  leader.whileLeader(() => {
    fed = compare.resume()
    const off = changes.onChange((change) => {
      if (change.kinds.includes('comparisons')) void compare.resume()
    })
    return { stop: async () => off() }
  })
  await fed

  return {
    url: `http://${host}:${port}`,
    mode,
    app,
    changes,
    leader,
    async close() {
      changes.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await leader.close()
      await listener?.close()
      await compare.stop()
      await images.close()
      await runner.stop()
      limits.close()
      await data.close()
      blobs.close()
      await simulator?.close()
      lock.release()
    },
  }
}

export type Darkroom = Awaited<ReturnType<typeof startDarkroom>>
