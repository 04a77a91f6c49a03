// `npm run dev`: the API (restarting on change) plus Vite with hot reload, which proxies /api to it.
import { spawn } from 'node:child_process'

const port = process.env.PORT ?? '8787'
const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'server/index.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: port, DARKROOM_API_ONLY: '1' },
  }),
  spawn('npx', ['vite', '--host', process.env.HOST ?? '127.0.0.1'], { stdio: 'inherit', env: { ...process.env, PORT: port } }),
]
const stop = () => {
  for (const child of children) child.kill('SIGTERM')
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
for (const child of children) child.on('exit', (code) => code && stop())
