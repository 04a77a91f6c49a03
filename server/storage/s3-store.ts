// Blobs as objects in an S3-compatible bucket (AWS, R2, Garage, SeaweedFS, MinIO…) under STORAGE_URL's
// prefix, through @aws-sdk/client-s3. With an endpoint set (AWS_ENDPOINT_URL_S3) requests use path-style
// addressing, which every compatible server understands. An object appears whole or not at all (a PUT is
// atomic), so nothing here needs temp files.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import type { Readable } from 'node:stream'
import type { S3Settings } from '../env'
import { checkKey, checkPrefix, RangeNotSatisfiable, type BlobStore } from './blob-store'

/** A health check answers within this, whatever the bucket does. */
const PING_TIMEOUT_MS = 3000

const statusOf = (err: unknown) => (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
const isMissing = (err: unknown) => {
  const name = (err as Error).name
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(err) === 404
}

export function createS3Store(settings: S3Settings): BlobStore {
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.endpoint !== undefined,
    credentials: settings.credentials,
    requestHandler: { connectionTimeout: 5000, requestTimeout: 60_000 },
  })
  const Bucket = settings.bucket
  const base = settings.prefix ? `${settings.prefix}/` : ''
  const keyOf = (key: string) => base + checkKey(key)

  return {
    kind: 's3',

    async put(key, data, contentType) {
      // Images are capped at 40 MB and already in memory when stored; a Buffer gives S3 the length it needs.
      const body = Buffer.isBuffer(data) ? data : Buffer.concat(await (data as Readable).toArray())
      await client.send(new PutObjectCommand({ Bucket, Key: keyOf(key), Body: body, ContentLength: body.length, ContentType: contentType }))
    },

    async get(key, range) {
      try {
        const res = await client.send(
          new GetObjectCommand({ Bucket, Key: keyOf(key), Range: range ? `bytes=${range.start}-${range.end ?? ''}` : undefined }),
        )
        const size = res.ContentLength ?? 0
        const total = range ? Number(/\/(\d+)$/.exec(res.ContentRange ?? '')?.[1] ?? size) : size
        return { body: res.Body as Readable, size, total }
      } catch (err) {
        if (isMissing(err)) return null
        if (statusOf(err) === 416) throw new RangeNotSatisfiable(`${key}: the range starts at ${range?.start}, past its end`)
        throw err
      }
    },

    async head(key) {
      try {
        const res = await client.send(new HeadObjectCommand({ Bucket, Key: keyOf(key) }))
        return { size: res.ContentLength ?? 0 }
      } catch (err) {
        if (isMissing(err)) return null
        throw err
      }
    },

    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(key) }))
    },

    async list(prefix, cursor, limit = 1000) {
      const res = await client.send(
        new ListObjectsV2Command({ Bucket, Prefix: base + checkPrefix(prefix), ContinuationToken: cursor ?? undefined, MaxKeys: limit }),
      )
      const keys = (res.Contents ?? []).flatMap((o) => (o.Key ? [o.Key.slice(base.length)] : []))
      return { keys, cursor: res.IsTruncated && res.NextContinuationToken ? res.NextContinuationToken : null }
    },

    async ping() {
      await client.send(new HeadBucketCommand({ Bucket }), { abortSignal: AbortSignal.timeout(PING_TIMEOUT_MS) })
    },

    close() {
      client.destroy()
    },
  }
}
