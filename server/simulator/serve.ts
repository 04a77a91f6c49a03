// Runs the simulator on a real HTTP port (0 picks a free one), for the CLI, demo mode and tests.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createSimulator, type SimulatorOptions } from './app'
import type { SimulatorControl } from './control'

export type RunningSimulator = { url: string; control: SimulatorControl; close(): Promise<void> }

export async function startSimulator(options: SimulatorOptions & { host?: string; port?: number }): Promise<RunningSimulator> {
  const { host = '127.0.0.1', port = 0, ...rest } = options
  const { app, control, dispose } = createSimulator(rest)
  const { server, address } = await new Promise<{ server: Server; address: AddressInfo }>((resolve, reject) => {
    // Created with node:http's createServer (the adapter's default), so this is an http.Server.
    const server = serve({ fetch: app.fetch, hostname: host, port }, (address) => resolve({ server, address })) as Server
    server.once('error', (error) => {
      dispose()
      reject(error)
    })
  })
  const hostPart = address.address.includes(':') ? `[${address.address}]` : address.address
  let closing: Promise<void> | null = null
  return {
    url: `http://${hostPart}:${address.port}`,
    control,
    // Idempotent, so a test may close early and still leave cleanup to its hooks.
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        dispose()
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })),
  }
}
