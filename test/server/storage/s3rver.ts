// An S3-compatible server in this process (s3rver, pure JS) on a free loopback port, keeping its
// objects in a temp folder: the real S3 protocol, signatures included, with no service to install.
import crypto from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'
import type { S3Settings } from '../../../server/env'

export const BUCKET = 'darkroom-test'

/** s3rver's built-in account. */
const ACCESS_KEY_ID = 'S3RVER'
const SECRET_ACCESS_KEY = 'S3RVER'

/**
 * s3rver seals ListObjectsV2 continuation tokens with single DES, which OpenSSL 3 (Node ≥ 17) only
 * offers through its legacy provider, so every truncated listing failed with InternalError. Triple DES
 * with one key used three times is the same cipher, and the default provider has it: s3rver's calls
 * (it looks `crypto.createCipheriv` up at each call) are pointed there. Test-only; Darkroom never uses DES.
 */
function serveSingleDes() {
  const triple = (key: crypto.CipherKey) => Buffer.concat([key as Buffer, key as Buffer, key as Buffer])
  const { createCipheriv, createDecipheriv } = crypto
  Object.assign(crypto, {
    createCipheriv: (alg: string, key: crypto.CipherKey, iv: crypto.BinaryLike | null, opts?: never) =>
      alg === 'des' ? createCipheriv('des-ede3-cbc', triple(key), iv) : createCipheriv(alg, key, iv, opts),
    createDecipheriv: (alg: string, key: crypto.CipherKey, iv: crypto.BinaryLike | null, opts?: never) =>
      alg === 'des' ? createDecipheriv('des-ede3-cbc', triple(key), iv) : createDecipheriv(alg, key, iv, opts),
  })
}
serveSingleDes()

export async function startS3rver() {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'darkroom-s3rver-'))
  const server = new S3rver({ port: 0, address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: BUCKET, configs: [] }] })
  const { port } = await server.run()
  const endpoint = `http://127.0.0.1:${port}`
  return {
    endpoint,
    directory,
    settings: (prefix = ''): S3Settings => ({
      bucket: BUCKET,
      prefix,
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
    }),
    /** The same, as the environment variables a person would set. */
    env: (prefix = ''): Record<string, string> => ({
      STORAGE_URL: `s3://${BUCKET}/${prefix}`,
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
    }),
    async close() {
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}

export type S3rverHandle = Awaited<ReturnType<typeof startS3rver>>
