import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { seedGallery } from '../bench/gallery'
import { startDarkroom } from '../server/darkroom'
import { parseEnv } from '../server/env'
import { createLogger } from '../server/log'
const dir = mkdtempSync(path.join(os.tmpdir(), 'dr-bench-'))
await seedGallery(dir, Number(process.argv[2] ?? 12000))
const darkroom = await startDarkroom({
  env: parseEnv({ PIXAZO_API_KEY: 'bench', PIXAZO_BASE_URL: 'http://127.0.0.1:9', DATA_DIR: dir, PORT: '8822' }),
  webDir: path.resolve('dist/web'),
  log: createLogger({ write: () => {} }),
})
console.log('READY', darkroom.url)
