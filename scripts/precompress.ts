// A Vite plugin that writes brotli (.br) and gzip (.gz) copies next to every compressible file of the
// build, once, at the highest levels; server/routes/web.ts sends them by Accept-Encoding.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/
/** Below this a compressed copy saves less than its headers cost. */
export const MIN_BYTES = 1024

export function precompressFolder(dir: string) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue
    const file = path.join(entry.parentPath, entry.name)
    const body = readFileSync(file)
    if (body.length < MIN_BYTES) continue
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    )
    writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }))
  }
}

export const precompress = (): Plugin => {
  let outDir = ''
  return {
    name: 'darkroom-precompress',
    apply: 'build',
    configResolved: (config) => void (outDir = path.resolve(config.root, config.build.outDir)),
    closeBundle: () => precompressFolder(outDir),
  }
}
