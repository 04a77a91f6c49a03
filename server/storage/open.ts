// Picks the blob store from the settings: a bucket when STORAGE_URL is set, else files in DATA_DIR.
import type { Env } from '../env'
import type { BlobStore } from './blob-store'
import { createDiskStore } from './disk-store'
import { createS3Store } from './s3-store'

export const openBlobStore = (env: Pick<Env, 'dataDir' | 'storage'>): BlobStore =>
  env.storage ? createS3Store(env.storage) : createDiskStore(env.dataDir)
