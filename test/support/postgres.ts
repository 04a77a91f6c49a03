// A throwaway PostgreSQL cluster for the tests: Debian's binaries, a temp folder, a free port, one
// database per test file. Started once per Vitest run (test/support/postgres-setup.ts) and wiped after.
import { execFile, execFileSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { inject } from 'vitest'

const run = promisify(execFile)
const MIN_VERSION = 15
const ROOT = '/usr/lib/postgresql'
export const INSTALL_HINT = 'apt-get install -y postgresql'

/** The newest bin folder of Debian's PostgreSQL packages, or an error saying how to install one. */
export function postgresBin(root = ROOT): string {
  const versions = existsSync(root)
    ? readdirSync(root)
        .map(Number)
        .filter((v) => v >= MIN_VERSION && existsSync(path.join(root, String(v), 'bin', 'initdb')))
        .sort((a, b) => b - a)
    : []
  if (!versions.length)
    throw new Error(`The Postgres tests need PostgreSQL ≥ ${MIN_VERSION} (initdb and pg_ctl under ${root}/<version>/bin): run \`${INSTALL_HINT}\``)
  return path.join(root, String(versions[0]), 'bin')
}

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

export type Cluster = { url: string; port: number; stop: () => Promise<void> }

/**
 * initdb + pg_ctl start in `dir` (a new temp folder by default) on `port` (a free one by default).
 * As root (CI, containers) both run as the `postgres` user, which PostgreSQL insists on; the folder
 * is opened up so that user can reach its data folder inside.
 */
export async function startCluster(opts: { dir?: string; port?: number } = {}): Promise<Cluster> {
  const bin = postgresBin()
  const asRoot = process.getuid?.() === 0
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), 'darkroom-pg-'))
  chmodSync(dir, 0o755)
  const data = path.join(dir, 'data')
  mkdirSync(data, { mode: 0o700 })
  const exec = async (tool: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]] : [path.join(bin, tool), args]
    try {
      await run(file, argv, { cwd: dir })
    } catch (e) {
      const err = e as Error & { stderr?: string }
      const log = path.join(data, 'server.log')
      throw new Error(`${tool} failed: ${err.stderr || err.message}${existsSync(log) ? readFileSync(log, 'utf8') : ''}`)
    }
  }
  if (asRoot) {
    const ids = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]).catch(() => {
      throw new Error(`No \`postgres\` user to run the test cluster as: run \`${INSTALL_HINT}\``)
    })
    chownSync(data, Number(ids[0].stdout.trim()), Number(ids[1].stdout.trim()))
  }
  await exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions'])
  // Durability is not what these tests are about: no fsync, and no socket file (TCP on 127.0.0.1 only).
  const port = opts.port ?? (await freePort())
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off -c synchronous_commit=off -c full_page_writes=off`
  await exec('pg_ctl', ['-D', data, '-l', path.join(data, 'server.log'), '-o', options, '-w', '-t', '120', 'start'])
  // If the run ends without its teardown (an interrupted run), the server must not outlive it.
  const stopNow = () => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop']]
      : [path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']]
    try {
      execFileSync(file, argv, { stdio: 'ignore' })
    } catch {
      // already stopped
    }
  }
  process.once('exit', stopNow)
  return {
    url: clusterUrl(port),
    port,
    async stop() {
      process.off('exit', stopNow)
      await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined)
      if (!opts.dir) rmSync(dir, { recursive: true, force: true })
    },
  }
}

export const clusterUrl = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`

/** What globalSetup hands to the tests: where the cluster will be, and the file saying why it failed to start. */
export type ProvidedPostgres = { url: string; failedFile: string }

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits (up to two minutes) for the run's cluster, which starts in the background while tests load. */
async function connectAdmin(provided: ProvidedPostgres): Promise<pg.Client> {
  const deadline = Date.now() + 120_000
  for (;;) {
    if (existsSync(provided.failedFile)) throw new Error(readFileSync(provided.failedFile, 'utf8'))
    const client = new pg.Client({ connectionString: provided.url })
    try {
      await client.connect()
      return client
    } catch (e) {
      await client.end().catch(() => undefined)
      if (Date.now() > deadline) throw e
      await pause(100)
    }
  }
}

/** A new, empty database in this run's cluster; returns its URL. */
export async function createDatabase(provided: ProvidedPostgres = inject('postgres')): Promise<string> {
  const name = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  const client = await connectAdmin(provided)
  try {
    await client.query(`create database ${name}`)
  } finally {
    await client.end()
  }
  const url = new URL(provided.url)
  url.pathname = `/${name}`
  return url.toString()
}

/** A pool that keeps every statement sent through it as it was sent: to count them, or to explain them. */
export function recordingPool(url: string, options: pg.PoolConfig = {}) {
  const pool = new pg.Pool({ ...options, connectionString: url })
  const sent: { text: string; values: unknown[] }[] = []
  const query = pool.query.bind(pool)
  pool.query = ((config: string | pg.QueryConfig, values?: unknown[]) => {
    const text = typeof config === 'string' ? config : config.text
    sent.push({ text, values: (typeof config === 'string' ? undefined : config.values) ?? values ?? [] })
    return query(config as string, values)
  }) as typeof pool.query
  return { pool, sent }
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: ProvidedPostgres
  }
}
