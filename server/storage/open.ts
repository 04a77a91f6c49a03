// Picks the blob store from the settings: a bucket when STORAGE_URL is set, else files in DATA_DIR.
// The S3 SDK is loaded only for a bucket, so the default start-up does not pay for it.
import type { Env } from '../env'
import type { BlobStore } from './blob-store'
import { createDiskStore } from './disk-store'

export async function openBlobStore(env: Pick<Env, 'dataDir' | 'storage'>): Promise<BlobStore> {
  if (!env.storage) return createDiskStore(env.dataDir)
  const { createS3Store } = await import('./s3-store')
  return createS3Store(env.storage)
}
