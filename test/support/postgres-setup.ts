// Vitest globalSetup of the node project: one PostgreSQL cluster per run, started in the background
// so runs that never touch it do not wait for it; tests reach it through createDatabase(). Stopped
// and wiped when the run ends.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { clusterUrl, freePort, postgresBin, startCluster } from './postgres'

export default async function setup(project: TestProject) {
  postgresBin() // missing binaries fail the run here, naming the package to install
  const dir = mkdtempSync(path.join(os.tmpdir(), 'darkroom-pg-'))
  const port = await freePort()
  const failedFile = path.join(dir, 'failed')
  const started = Date.now()
  const cluster = startCluster({ dir, port }).then(
    (c) => {
      if (process.env.PG_TEST_VERBOSE) console.log(`PostgreSQL test cluster on port ${port}, started in ${Date.now() - started} ms`)
      return c
    },
    (e: Error) => {
      writeFileSync(failedFile, e.message)
      return null
    },
  )
  project.provide('postgres', { url: clusterUrl(port), failedFile })
  return async () => {
    await (await cluster)?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
