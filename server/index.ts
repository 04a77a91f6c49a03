// Boot: parse settings (fail fast, naming the bad one), start, print the URL, stop cleanly.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { startDarkroom } from './darkroom'
import { DataDirLockedError } from './data-dir-lock'
import { EnvError, parseEnv } from './env'

const webDir = fileURLToPath(new URL('../dist/web', import.meta.url))

async function main() {
  // Settings may live in .env; variables already set in the environment win.
  if (existsSync('.env')) process.loadEnvFile('.env')
  let env
  try {
    env = parseEnv(process.env)
  } catch (err) {
    if (!(err instanceof EnvError)) throw err
    console.error(err.message)
    process.exit(1)
  }
  const serveWeb = process.env.DARKROOM_API_ONLY !== '1'
  if (serveWeb && !existsSync(webDir)) {
    console.error('No built web app in dist/web. Run "npm start" (it builds first) or "npm run build".')
    process.exit(1)
  }
  const darkroom = await startDarkroom({ env, webDir: serveWeb ? webDir : undefined }).catch((err: NodeJS.ErrnoException) => {
    if (err instanceof DataDirLockedError || err instanceof EnvError) {
      console.error(err.message)
      process.exit(1)
    }
    if (err.code !== 'EADDRINUSE' && err.code !== 'EADDRNOTAVAIL') throw err
    console.error(`Cannot listen on ${env.host}:${env.port} (${err.code}). Set HOST or PORT to a free address.`)
    process.exit(1)
  })
  const mode = darkroom.mode === 'demo' ? 'demo mode: no PIXAZO_API_KEY set, images come from the built-in simulator' : `live: ${env.baseUrl}`
  console.log(`Darkroom is running at ${darkroom.url} (${mode})`)

  let closing = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) process.exit(1)
      closing = true
      void darkroom.close().then(() => process.exit(0))
    })
  }
}

void main()
