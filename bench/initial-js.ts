// The first load's JS as the browser gets it: the entry script and its module preloads named in the
// built index.html, compressed the way the server sends them (gzip -9 and brotli copies, scripts/precompress.ts).
// `npm run bench` reports it; test/build/first-load.test.ts holds it to a budget.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

/** The JS files (paths under webDir) the first page load needs: entry script and module preloads. */
export function initialJsFiles(webDir: string) {
  const html = readFileSync(path.join(webDir, 'index.html'), 'utf8')
  return [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!)
}

/** Bytes of the JS the first page load needs, gzip and brotli at the levels the build uses. */
export function initialJsBytes(webDir: string) {
  const files = initialJsFiles(webDir).map((f) => readFileSync(path.join(webDir, f)))
  return {
    gzip: files.reduce((sum, f) => sum + gzipSync(f, { level: 9 }).length, 0),
    br: files.reduce((sum, f) => sum + brotliCompressSync(f, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length, 0),
  }
}
