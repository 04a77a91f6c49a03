// Every store's contract, for one database: call with a factory that opens a fresh, empty Data.
import type { DataFactory } from './fixtures'
import { accessStoreContract, presetStoreContract } from './access-presets'
import { compareStoreContract } from './compare'
import { galleryStoreContract } from './gallery'
import { jobStoreContract } from './jobs'
import { queueContract } from './queue'
import { ratingStoreContract } from './ratings'
import { jobLeaseContract } from './leases'
import { spendStoreContract } from './spend'
import { transactionContract } from './transactions'

export type { DataFactory }

export function dataContract(open: DataFactory) {
  jobStoreContract(open)
  queueContract(open)
  jobLeaseContract(open)
  compareStoreContract(open)
  galleryStoreContract(open)
  ratingStoreContract(open)
  presetStoreContract(open)
  accessStoreContract(open)
  spendStoreContract(open)
  transactionContract(open)
}
